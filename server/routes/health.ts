/** Liveness and readiness for a load balancer. */
import type { FastifyPluginAsync } from 'fastify';

export interface HealthRoutesOptions {
  /** Where the broker keeps its state, as /readyz reports it. */
  store: 'memory' | 'redis';
  /** Resolves when the shared store answers (Redis); rejects otherwise. */
  ping: () => Promise<void>;
}

export const healthRoutes: FastifyPluginAsync<HealthRoutesOptions> = async (app, { store, ping }) => {
  app.get('/healthz', async () => ({ ok: true }));
  // Ready: this instance can reach its store.
  app.get('/readyz', async () => {
    await ping();
    return { ok: true, store };
  });
};
