/**
 * The one server `npm start` runs and the end-to-end tests start: the reference broker with the demo mounted.
 * Keeping it in one place means the tests exercise exactly what a newcomer sees.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../server/app.js';
import { DEMO_CLIENTS_FILE, DEMO_IDENTITIES_FILE } from './config.js';
import { mountDemo, type DemoOptions } from './mount.js';

/**
 * The waiting period of an app added with a ticket from a login, in the demo: short enough to try (the broker's own
 * default is an hour). Tests may pass their own `settings.activationWaitMs`.
 */
export const DEMO_ACTIVATION_WAIT_MS = 30_000;

export interface DemoServerOptions {
  broker?: AppOptions;
  demo?: DemoOptions;
}

export async function buildDemoServer(options: DemoServerOptions = {}): Promise<FastifyInstance> {
  const broker = options.broker ?? {};
  // The demo's own clients and identities unless the caller gives others.
  const app = await buildApp({
    ...(broker.clients ? {} : { clientsFile: DEMO_CLIENTS_FILE }),
    ...(broker.identities ? {} : { identitiesFile: DEMO_IDENTITIES_FILE }),
    ...broker,
    settings: { activationWaitMs: DEMO_ACTIVATION_WAIT_MS, ...broker.settings },
  });
  await mountDemo(app, options.demo);
  return app;
}
