/**
 * The reference broker as a Fastify application, plus the demo pages it serves for `npm start`.
 * `buildApp` has no side effects beyond the instance it returns, so tests start as many as they like.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';

export interface AppOptions {
  /** Serve the demo pages and the built SDK (npm start); tests of the API alone leave it off. */
  serveDemo?: boolean;
  logger?: boolean;
}

const root = fileURLToPath(new URL('..', import.meta.url));

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 });

  app.get('/healthz', async () => ({ ok: true }));

  if (options.serveDemo) {
    await app.register(fastifyStatic, { root: `${root}demo`, prefix: '/', index: ['index.html'] });
    await app.register(fastifyStatic, { root: `${root}dist`, prefix: '/sdk/', decorateReply: false });
  }
  return app;
}
