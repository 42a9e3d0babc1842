/**
 * The one server `npm start` runs and the end-to-end tests start: the reference broker with the demo mounted.
 * Keeping it in one place means the tests exercise exactly what a newcomer sees.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../server/app.js';
import { loadClientsFile } from '../server/config/clients.js';
import { makeBankKey } from './rp/bank-key.js';
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
  // The demo's own clients and identities unless the caller gives others. With its own clients, the net bank gets a
  // fresh key to create enrolments with (./rp/bank-key.ts), its public half registered as the client's auth.
  const ownClients = !broker.clients && !broker.clientsFile;
  const bankKey = ownClients ? await makeBankKey() : undefined;
  const clients = bankKey
    ? loadClientsFile(DEMO_CLIENTS_FILE).map((client) =>
        client.id === 'netbank' ? { ...client, auth: { jwks: bankKey.jwks } } : client,
      )
    : undefined;
  const app = await buildApp({
    ...(clients ? { clients } : {}),
    ...(broker.identities ? {} : { identitiesFile: DEMO_IDENTITIES_FILE }),
    ...broker,
    settings: { activationWaitMs: DEMO_ACTIVATION_WAIT_MS, ...broker.settings },
  });
  await mountDemo(app, { ...(bankKey ? { bankKey } : {}), ...options.demo });
  return app;
}
