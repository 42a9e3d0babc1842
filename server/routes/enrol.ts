/**
 * Chip enrolment for test identities: `POST /v1/enrol/chip/options` {user_id, password} → {enrolment_token,
 * options}; the page runs `navigator.credentials.create` (e.g. @simplewebauthn/browser `startRegistration`);
 * `POST /v1/enrol/chip` {enrolment_token, response} keeps the key. The RP ID is the page's host name.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type { ChipRegistry } from '../authenticators/chip.js';
import type { PasswordChecker } from '../authenticators/passwords.js';
import { canonicalOrigin, type ClientRegistry } from '../config/clients.js';
import { normalizeUserId, type IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { RequestLimits } from '../http/request-limits.js';
import { originOf } from '../http/request.js';
import { CredentialsBody, RegistrationResponseBody, type CredentialsBodyType } from '../http/schemas.js';

export interface EnrolRoutesOptions {
  clients: ClientRegistry;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  chips: ChipRegistry;
  limits: RequestLimits;
}

export const enrolRoutes: FastifyPluginAsync<EnrolRoutesOptions> = async (app, options) => {
  const { clients, identities, passwords, chips, limits } = options;
  app.post<{ Body: CredentialsBodyType }>(
    '/v1/enrol/chip/options',
    { schema: { body: CredentialsBody } },
    async (request, reply) => {
      const origin = originOf(request);
      if (!origin || canonicalOrigin(origin) !== origin || !clients.isKnownOrigin(origin)) {
        throw new BrokerError('origin_not_allowed', 'Enrol from a page of the broker or of a registered client.');
      }
      await limits.attempt(request.ip);
      const identity = identities.find(normalizeUserId(request.body.user_id));
      const right = await passwords.verify(identity?.passwordHash, request.body.password);
      if (!right || !identity) throw new BrokerError('wrong_password', 'The user ID or password is not right.');
      if (!identity.methods.has('chip')) throw new BrokerError('method_unavailable', 'This MitID has no chip.');
      if (identity.locked) throw new BrokerError('locked', 'This MitID is locked. Contact MitID support.');
      reply.header('cache-control', 'no-store');
      return chips.startEnrolment(identity, origin);
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
