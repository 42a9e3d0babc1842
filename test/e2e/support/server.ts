/** Starts the broker with the demo pages on a free port, as `npm start` does. */
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../../server/app.js';
import { mountDemo } from '../../../demo/mount.js';

export interface RunningServer {
  app: FastifyInstance;
  origin: string;
  close(): Promise<void>;
}

export async function startServer(): Promise<RunningServer> {
  const app = await buildApp();
  await mountDemo(app);
  await app.listen({ port: 0, host: 'localhost' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return { app, origin: `http://localhost:${address.port}`, close: () => app.close() };
}
