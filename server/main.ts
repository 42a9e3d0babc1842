/** `npm start`: the broker and the demo on http://localhost:8080 (PORT overrides). */
import { buildApp } from './app.js';
import { mountDemo } from '../demo/mount.js';

const port = Number(process.env.PORT ?? 8080);
const host = process.env.HOST ?? 'localhost';

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number (0-65535), not "${process.env.PORT}".`);
  process.exit(1);
}

const app = await buildApp({ logger: process.env.LOG !== 'off' });
await mountDemo(app);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
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
