/**
 * `/v1/identity…` (protocol/identity-api.ts): a page that has just logged its user in trades the login's assertion
 * for an access token, then shows the person their MitID and lets them change it. Page API: CORS for registered
 * origins, the access token as `Authorization: Bearer`, every answer `no-store`.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ActivationTicketResponse } from '../../protocol/page-api.js';
import type {
  ChangeUserIdResponse,
  IdentityAccessResponse,
  IdentityOverview,
  RevokeResponse,
} from '../../protocol/identity-api.js';
import type { IdentitySettings } from '../../protocol/app-api.js';
import { bearerToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import type { RequestLimits } from '../http/request-limits.js';
import { getterOriginOf, originOf, requireEmptyBody } from '../http/request.js';
import {
  ActivationTicketBody,
  IdentitySettingsBody,
  UserIdChoiceBody,
  type ActivationTicketBodyType,
  type IdentitySettingsBodyType,
  type UserIdChoiceBodyType,
} from '../http/schemas.js';
import type { IdentityAccess } from '../identity/access.js';
import { ticketAnswer } from './activation.js';
import { kindsAt } from '../identity/proofs.js';
import type { SelfService } from '../identity/self-service.js';
import type { BrokerSettings } from '../settings.js';

export interface IdentityRoutesOptions {
  access: IdentityAccess;
  self: SelfService;
  limits: RequestLimits;
  settings: Pick<BrokerSettings, 'activationWaitMs'>;
  /** The broker's own origin: its own pages read with a same-origin GET, which carries no Origin. */
  ownOrigin: () => string;
}

function accessToken(request: FastifyRequest): string {
  try {
    return bearerToken(request);
  } catch {
    throw new BrokerError('login_required', 'Send the access token as "Authorization: Bearer <token>".');
  }
}

export const identityRoutes: FastifyPluginAsync<IdentityRoutesOptions> = async (app, options) => {
  const { access, self, limits, settings, ownOrigin } = options;
  app.addHook('onSend', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
  });

  app.post<{ Body: ActivationTicketBodyType }>(
    '/v1/identity/access',
    { schema: { body: ActivationTicketBody } },
    async (request, reply): Promise<IdentityAccessResponse> => {
      await limits.attempt(request.ip);
      const { token, grant } = await access.open(request.body.assertion, originOf(request));
      reply.code(201);
      return {
        access_token: token,
        expires_at: new Date(grant.expiresAt).toISOString(),
        kinds: kindsAt(grant.acr),
      };
    },
  );

  app.get('/v1/identity', async (request): Promise<IdentityOverview> => {
    await limits.attempt(request.ip);
    return self.overview(accessToken(request), getterOriginOf(request, ownOrigin));
  });

  app.post<{ Params: { id: string } }>(
    '/v1/identity/authenticators/:id/revoke',
    async (request): Promise<RevokeResponse> => {
      requireEmptyBody(request);
      await limits.attempt(request.ip);
      return self.revoke(accessToken(request), originOf(request), request.params.id);
    },
  );

  app.post<{ Body: IdentitySettingsBodyType }>(
    '/v1/identity/settings',
    { schema: { body: IdentitySettingsBody } },
    async (request): Promise<IdentitySettings> => {
      await limits.attempt(request.ip);
      return self.changeSettings(accessToken(request), originOf(request), {
        notify_every_use: request.body.notify_every_use,
      });
    },
  );

  app.post<{ Body: UserIdChoiceBodyType }>(
    '/v1/identity/user-id',
    { schema: { body: UserIdChoiceBody } },
    async (request): Promise<ChangeUserIdResponse> => {
      await limits.attempt(request.ip);
      return { user_id: await self.changeUserId(accessToken(request), originOf(request), request.body.user_id) };
    },
  );

  app.post('/v1/identity/activation-ticket', async (request, reply): Promise<ActivationTicketResponse> => {
    requireEmptyBody(request);
    await limits.attempt(request.ip);
    const issued = await self.ticket(accessToken(request), originOf(request));
    reply.code(201);
    return ticketAnswer(issued, settings.activationWaitMs);
  });
};
