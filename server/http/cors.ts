/**
 * CORS for the page-facing API: pages of registered client origins call the broker from their own origin. No
 * cookies are involved (tokens travel in `Authorization`), so credentials are never allowed.
 */
import type { FastifyInstance } from 'fastify';
import type { ClientRegistry } from '../config/clients.js';

const PAGE_API = /^\/v1\/(sessions|enrol|activation-tickets)(\/|$|\?)/;

export function installCors(app: FastifyInstance, clients: ClientRegistry): void {
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || !PAGE_API.test(request.url)) return;
    reply.header('vary', 'Origin');
    if (clients.isKnownOrigin(origin)) reply.header('access-control-allow-origin', origin);
  });

  app.options('/v1/*', async (request, reply) => {
    const origin = request.headers.origin;
    reply.header('vary', 'Origin');
    if (typeof origin === 'string' && clients.isKnownOrigin(origin) && PAGE_API.test(request.url)) {
      reply
        .header('access-control-allow-origin', origin)
        .header('access-control-allow-methods', 'GET, POST')
        .header('access-control-allow-headers', 'authorization, content-type, last-event-id')
        .header('access-control-max-age', '600');
    }
    return reply.code(204).send();
  });
}
