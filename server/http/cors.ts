/**
 * CORS for the page-facing API: pages of registered client origins call the broker from their own origin. No
 * cookies are involved (tokens travel in `Authorization`), so credentials are never allowed. Only the page API
 * (`/v1/sessions…`, `/v1/enrol…`, `/v1/activation-tickets`, `/v1/identity…`) is open to pages: every other route (the app API, the well-known documents,
 * which say `*` themselves, the demo's pages) is left out of CORS altogether, and a preflight for it, or from an
 * origin no client registered, is not found.
 */
import fastifyCors, { type FastifyCorsOptions } from '@fastify/cors';
import type { FastifyInstance } from 'fastify';
import type { ClientRegistry } from '../config/clients.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false`: @fastify/cors leaves the route alone (no CORS headers, no `Vary: Origin`). */
    cors?: false;
  }
}

const PAGE_API = /^\/v1\/(sessions|enrol|activation-tickets|identity)(\/|$|\?)/;
/** The catch-all OPTIONS route @fastify/cors adds to answer preflights. */
const PREFLIGHT_ROUTE = '*';

export function installCors(app: FastifyInstance, clients: ClientRegistry): void {
  const pageApi: FastifyCorsOptions = {
    origin: (origin, callback) => callback(null, typeof origin === 'string' && clients.isKnownOrigin(origin)),
    methods: ['GET', 'POST'],
    allowedHeaders: ['authorization', 'content-type', 'last-event-id'],
    credentials: false,
    maxAge: 600,
    // A preflight without Access-Control-Request-Method is answered like any other (204), not with a text/plain 400.
    strictPreflight: false,
  };
  const elsewhere: FastifyCorsOptions = { origin: false };
  app.addHook('onRoute', (route) => {
    if (route.url !== PREFLIGHT_ROUTE && !PAGE_API.test(route.url)) route.config = { ...route.config, cors: false };
  });
  // Registered without waiting: Fastify loads it before the server starts, ahead of the routes' first request.
  void app.register(fastifyCors, {
    // Per request, because the preflight route serves every path: the page API's rules, or none.
    delegator: (request, callback) => callback(null, PAGE_API.test(request.url) ? pageApi : elsewhere),
  });
}
