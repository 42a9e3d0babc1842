/** `npm start`: the broker and the demo on http://localhost:8080 (PORT overrides). */
import { readFileSync } from 'node:fs';
import type { JWK } from 'jose';
import { parseTrustProxy, type TrustProxy } from '../server/config/trust-proxy.js';
import { buildDemoServer } from './server.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? 'localhost';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), not "${process.env.PORT}".`);
  process.exit(1);
}

// TRUST_PROXY: behind reverse proxies, their number (hops) or their addresses/CIDRs, comma-separated.
let trustProxy: TrustProxy | undefined;
try {
  trustProxy = parseTrustProxy(process.env.TRUST_PROXY);
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}

// PUBLIC_URL: the address browsers and relying parties use for this server (the assertion issuer, and the `self`
// origin of demo/clients.json). Unset, it is http://localhost:<bound port>.
const publicUrl = process.env.PUBLIC_URL?.replace(/\/+$/, '');
const app = await buildDemoServer({
  broker: {
    logger: process.env.LOG !== 'off',
    ...(publicUrl ? { publicUrl } : {}),
    ...(process.env.CLIENTS_FILE ? { clientsFile: process.env.CLIENTS_FILE } : {}),
    ...(process.env.IDENTITIES_FILE ? { identitiesFile: process.env.IDENTITIES_FILE } : {}),
    // Stable pairwise subjects across restarts need a stable secret.
    ...(process.env.BROKER_SUBJECT_SECRET ? { subjectSecret: Buffer.from(process.env.BROKER_SUBJECT_SECRET) } : {}),
    ...(process.env.BROKER_SIGNING_KEYS_FILE
      ? { signingKeys: JSON.parse(readFileSync(process.env.BROKER_SIGNING_KEYS_FILE, 'utf8')) as { keys: JWK[] } }
      : {}),
    ...(trustProxy === undefined ? {} : { trustProxy }),
    // REDIS_URL: share sessions, events, keys and limits with other instances (docs/deploy.md). Unset: memory.
    ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
  },
  ...(publicUrl ? { demo: { origin: publicUrl } } : {}),
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    // A second Ctrl-C while closing (open event streams can hold the close up) stops at once.
    if (closing) process.exit(130);
    closing = true;
    console.log('\nStopping …');
    // Open event streams may hold the close up; give them a moment, then go anyway.
    setTimeout(() => process.exit(0), 3000).unref();
    void app.close().then(() => process.exit(0));
  });
}

try {
  await app.listen({ port, host });
  const address = app.server.address();
  const boundPort = address && typeof address === 'object' ? address.port : port;
  console.log(`mitid-login demo: http://${host}:${boundPort}/`);
} catch (error) {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE')
    console.error(`Port ${port} is in use: stop what uses it, or start with PORT=<another port>.`);
  else console.error(`The server could not start: ${(error as Error).message}`);
  process.exit(1);
}
