/** Session endpoints of the page: create, choose a method, QR frames, extend, cancel. */
import type { FastifyPluginAsync } from 'fastify';
import type {
  ChooseMethodResponse,
  CreateSessionResponse,
  ExtendResponse,
  QrFrameResponse,
} from '../../protocol/page-api.js';
import type { RequestLimits } from '../http/request-limits.js';
import { originOf, requireEmptyBody, sessionRequest } from '../http/request.js';
import {
  ChooseMethodBody,
  CreateSessionBody,
  type ChooseMethodBodyType,
  type CreateSessionBodyType,
} from '../http/schemas.js';
import type { SessionService } from '../sessions/service.js';
import { toStatusEvent } from '../sessions/status.js';

export interface SessionRoutesOptions {
  sessions: SessionService;
  limits: RequestLimits;
}

export const sessionRoutes: FastifyPluginAsync<SessionRoutesOptions> = async (app, { sessions, limits }) => {
  app.post<{ Body: CreateSessionBodyType }>(
    '/v1/sessions',
    { schema: { body: CreateSessionBody } },
    async (request, reply): Promise<CreateSessionResponse> => {
      // The client and its origin are checked first: a refused page never uses up the client's budget, and no
      // made-up client_id becomes a counter.
      const origin = originOf(request);
      const client = sessions.admit(request.body.client_id, origin);
      await limits.sessionStart(request.ip, client.id);
      const created = await sessions.create(request.body, origin, request.headers['user-agent']);
      reply.code(201).header('cache-control', 'no-store');
      return created;
    },
  );

  app.post<{ Body: ChooseMethodBodyType }>(
    '/v1/sessions/:id/method',
    { schema: { body: ChooseMethodBody } },
    async (request): Promise<ChooseMethodResponse> => {
      const { id, token } = sessionRequest(request);
      const { session, appLink } = await sessions.chooseMethod(id, token, request.body.method, request.body.device);
      return appLink ? { status: toStatusEvent(session), app_link: appLink } : { status: toStatusEvent(session) };
    },
  );

  app.get('/v1/sessions/:id/qr', async (request, reply): Promise<QrFrameResponse> => {
    const { id, token } = sessionRequest(request);
    reply.header('cache-control', 'no-store');
    return sessions.qrFrame(id, token);
  });

  app.post('/v1/sessions/:id/extend', async (request): Promise<ExtendResponse> => {
    requireEmptyBody(request);
    const { id, token } = sessionRequest(request);
    const session = await sessions.extend(id, token);
    return { expires_at: new Date(session.expiresAt).toISOString(), extensions_left: session.extensionsLeft };
  });

  app.post('/v1/sessions/:id/cancel', async (request) => {
    requireEmptyBody(request);
    const { id, token } = sessionRequest(request);
    return toStatusEvent(await sessions.cancel(id, token));
  });
};
