/**
 * The one server `npm start` runs and the end-to-end tests start: the reference broker with the demo mounted.
 * Keeping it in one place means the tests exercise exactly what a newcomer sees.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../server/app.js';
import { mountDemo, type DemoOptions } from './mount.js';

export interface DemoServerOptions {
  broker?: AppOptions;
  demo?: DemoOptions;
}

export async function buildDemoServer(options: DemoServerOptions = {}): Promise<FastifyInstance> {
  const app = await buildApp(options.broker);
  await mountDemo(app, options.demo);
  return app;
}
