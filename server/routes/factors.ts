/** Code, password and chip (WebAuthn) steps of a session. Each try counts against the rate limits. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { RequestLimits } from '../http/request-limits.js';
import { requireEmptyBody, sessionRequest } from '../http/request.js';
import {
  AuthenticationResponseBody,
  CodeBody,
  PasswordBody,
  type CodeBodyType,
  type PasswordBodyType,
} from '../http/schemas.js';
import type { FactorSteps } from '../sessions/factors.js';
import type { SessionService } from '../sessions/service.js';
import { toStatusEvent } from '../sessions/status.js';

export interface FactorRoutesOptions {
  sessions: SessionService;
  factors: FactorSteps;
  limits: RequestLimits;
}

export const factorRoutes: FastifyPluginAsync<FactorRoutesOptions> = async (app, { sessions, factors, limits }) => {
  // A guess is counted only for a real session's bearer, and against that session's client.
  async function gate(request: FastifyRequest) {
    const { id, token } = sessionRequest(request);
    const session = await sessions.authenticate(id, token);
    await limits.attempt(request.ip, session.clientId);
    return { id, token };
  }

  app.post<{ Body: CodeBodyType }>('/v1/sessions/:id/code', { schema: { body: CodeBody } }, async (request) => {
    const { id, token } = await gate(request);
    return toStatusEvent(await factors.submitCode(id, token, request.body.code));
  });

  app.post<{ Body: PasswordBodyType }>(
    '/v1/sessions/:id/password',
    { schema: { body: PasswordBody } },
    async (request) => {
      const { id, token } = await gate(request);
      return toStatusEvent(await factors.submitPassword(id, token, request.body.password));
    },
  );

  app.post('/v1/sessions/:id/webauthn/options', async (request, reply) => {
    requireEmptyBody(request);
    const { id, token } = sessionRequest(request);
    reply.header('cache-control', 'no-store');
    return factors.webauthnOptions(id, token);
  });

  app.post<{ Body: { response: AuthenticationResponseJSON } }>(
    '/v1/sessions/:id/webauthn',
    { schema: { body: AuthenticationResponseBody } },
    async (request) => {
      const { id, token } = await gate(request);
      return toStatusEvent(await factors.submitWebauthn(id, token, request.body.response));
    },
  );
};
