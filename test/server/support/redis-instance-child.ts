/**
 * One broker instance as its own process, so a test can kill it outright (SIGKILL: no goodbye to its streams
 * or to Redis). Reads REDIS_URL; prints `listening <port>` once it accepts connections.
 */
import { buildApp } from '../../../server/app.js';
import { IDENTITIES, PUBLIC_URL, TEST_CLIENTS } from './broker.js';

const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('REDIS_URL is required');
const app = await buildApp({
  publicUrl: PUBLIC_URL,
  passwordCost: 1024,
  clients: TEST_CLIENTS,
  identities: IDENTITIES,
  redisUrl,
});
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
if (!address || typeof address === 'string') throw new Error('no port');
console.log(`listening ${address.port}`);
