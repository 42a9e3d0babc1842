/**
 * The reference broker as a Fastify application. `buildApp` has no side effects beyond the instance it returns,
 * so tests start as many as they like.
 */
import Fastify, { type FastifyInstance } from 'fastify';

export interface AppOptions {
  logger?: boolean;
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 16 * 1024 });
  app.get('/healthz', async () => ({ ok: true }));
  return app;
}
