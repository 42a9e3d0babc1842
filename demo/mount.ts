/**
 * Mounts the demo (pages, the built SDK, and the relying parties' own back ends) on a broker instance, for
 * `npm start` and the end-to-end tests. The broker itself (server/) knows nothing of the demo.
 */
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

export async function mountDemo(app: FastifyInstance): Promise<void> {
  await app.register(fastifyStatic, { root: `${root}demo/public`, prefix: '/', index: ['index.html'] });
  await app.register(fastifyStatic, { root: `${root}dist`, prefix: '/sdk/', decorateReply: false });
}
