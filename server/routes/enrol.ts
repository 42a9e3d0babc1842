/**
 * Chip enrolment: `POST /v1/enrol/chip/options` {user_id, activation_code | activation_ticket} → {enrolment_token,
 * options}; the page runs `navigator.credentials.create` (e.g. @simplewebauthn/browser `startRegistration`);
 * `POST /v1/enrol/chip` {enrolment_token, response} keeps the key and uses up the proof. No password opens this:
 * a key is High, so it takes the letter's code or a ticket from a login at High. The RP ID is the page's host name.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ChipRegistry } from '../authenticators/chip.js';
import { invalidActivation, type ActivationProofs } from '../identity/proofs.js';
import { canonicalOrigin, type ClientRegistry } from '../config/clients.js';
import type { IdentityDirectory } from '../config/identities.js';
import type { UserIds } from '../identity/user-ids.js';
import { BrokerError } from '../http/errors.js';
import type { RequestLimits } from '../http/request-limits.js';
import { originOf } from '../http/request.js';
import { EnrolmentProofBody, RegistrationResponseBody, type EnrolmentProofBodyType } from '../http/schemas.js';

export interface EnrolRoutesOptions {
  clients: ClientRegistry;
  identities: IdentityDirectory;
  proofs: ActivationProofs;
  chips: ChipRegistry;
  limits: RequestLimits;
  /** Typed user IDs to identity keys. */
  userIds: Pick<UserIds, 'resolve'>;
}

export const enrolRoutes: FastifyPluginAsync<EnrolRoutesOptions> = async (app, options) => {
  const { clients, identities, proofs, chips, limits, userIds } = options;
  // The proof is checked here and used up only when the key has answered (POST /v1/enrol/chip).
  app.post<{ Body: EnrolmentProofBodyType }>(
    '/v1/enrol/chip/options',
    { schema: { body: EnrolmentProofBody } },
    async (request, reply) => {
      const origin = originOf(request);
      if (!origin || canonicalOrigin(origin) !== origin || !clients.isKnownOrigin(origin)) {
        throw new BrokerError('origin_not_allowed', 'Enrol from a page of the broker or of a registered client.');
      }
      await limits.attempt(request.ip);
      const userId = await userIds.resolve(request.body.user_id);
      const given = {
        activation_code: request.body.activation_code,
        activation_ticket: request.body.activation_ticket,
      };
      await proofs.check(userId, 'chip', given);
      const identity = await identities.find(userId);
      if (!identity) throw invalidActivation(); // no letter or ticket can name an unknown user ID; kept for the types
      if (identity.locked) throw new BrokerError('locked', 'This MitID is locked. Contact MitID support.');
      reply.header('cache-control', 'no-store');
      return chips.startEnrolment(identity, origin, given);
    },
  );

  app.post<{ Body: { enrolment_token: string; response: RegistrationResponseJSON } }>(
    '/v1/enrol/chip',
    { schema: { body: RegistrationResponseBody } },
    async (request, reply) => {
      await limits.attempt(request.ip);
      const result = await chips.finishEnrolment(request.body.enrolment_token, request.body.response);
      reply.code(201);
      return result;
    },
  );
};
