/**
 * Starts the same server `npm start` runs (the broker with the demo mounted, demo/server.ts) on a free port.
 * The demo pages' scripts are built once per test process; `npm run test:e2e` has just built the SDK.
 */
import type { FastifyInstance } from 'fastify';
import { buildDemo } from '../../../demo/build.mjs';
import { buildDemoServer } from '../../../demo/server.js';
import type { AppOptions } from '../../../server/app.js';

export interface RunningServer {
  app: FastifyInstance;
  origin: string;
  close(): Promise<void>;
}

let built: Promise<void> | undefined;

export async function startServer(broker: AppOptions = {}): Promise<RunningServer> {
  built ??= buildDemo();
  await built;
  const app = await buildDemoServer({ broker });
  await app.listen({ port: 0, host: 'localhost' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { app, origin: `http://localhost:${address.port}`, close: () => app.close() };
}
