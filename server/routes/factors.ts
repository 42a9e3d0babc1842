/** Code, password and chip (WebAuthn) steps of a session. Each try counts against the rate limits. */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AuthenticationResponseJSON } from '@simplewebauthn/server';
import type { Broker } from '../broker.js';
import {
  AuthenticationResponseBody,
  CodeBody,
  PasswordBody,
  type CodeBodyType,
  type PasswordBodyType,
} from '../http/schemas.js';
import { countAttempt, requireEmptyBody, sessionRequest } from '../http/request.js';
import { FactorSteps } from '../sessions/factors.js';
import { toStatusEvent } from '../sessions/status.js';

export function factorRoutes(app: FastifyInstance, broker: Broker): void {
  const steps = new FactorSteps(broker, broker.sessions);

  async function gate(request: FastifyRequest) {
    const { id, token } = sessionRequest(request);
    const session = await broker.sessions.authenticate(id, token);
    await countAttempt(broker, request, session.clientId);
    return { id, token };
  }

  app.post<{ Body: CodeBodyType }>('/v1/sessions/:id/code', { schema: { body: CodeBody } }, async (request) => {
    const { id, token } = await gate(request);
    return toStatusEvent(await steps.submitCode(id, token, request.body.code));
  });

  app.post<{ Body: PasswordBodyType }>(
    '/v1/sessions/:id/password',
    { schema: { body: PasswordBody } },
    async (request) => {
      const { id, token } = await gate(request);
      return toStatusEvent(await steps.submitPassword(id, token, request.body.password));
    },
  );

  app.post('/v1/sessions/:id/webauthn/options', async (request, reply) => {
    requireEmptyBody(request);
    const { id, token } = sessionRequest(request);
    reply.header('cache-control', 'no-store');
    return steps.webauthnOptions(id, token);
  });

  app.post<{ Body: { response: AuthenticationResponseJSON } }>(
    '/v1/sessions/:id/webauthn',
    { schema: { body: AuthenticationResponseBody } },
    async (request) => {
      const { id, token } = await gate(request);
      return toStatusEvent(await steps.submitWebauthn(id, token, request.body.response));
    },
  );
}
