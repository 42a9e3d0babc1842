/**
 * Starts the same server `npm start` runs (the broker with the demo mounted, demo/server.ts) on a free port.
 * The SDK and the demo pages' scripts are already built (`npm test` builds them once up front; `npm run test:e2e`
 * or `test:examples` alone builds them first, scripts/test-build.mjs); the built files are served from a snapshot
 * in a temporary folder, so that another `npm run build` on this machine (which empties dist/) cannot pull files
 * from under a running test.
 */
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { verifyModule } from '../../../demo/rp/verifier.js';
import type { DemoOptions } from '../../../demo/mount.js';
import { buildDemoServer } from '../../../demo/server.js';
import type { AppOptions } from '../../../server/app.js';

export interface RunningServer {
  app: FastifyInstance;
  origin: string;
  close(): Promise<void>;
}

const dist = fileURLToPath(new URL('../../../dist', import.meta.url));
let snapshot: Promise<string> | undefined;
let running = 0;

async function builtFiles(): Promise<string> {
  if (!existsSync(path.join(dist, 'demo'))) {
    throw new Error('dist/demo/ is missing: run the group with npm (npm run test:e2e builds first)');
  }
  // Loads mitid-login/verify (dist/node/verify.js) now, while dist/ is known to be whole.
  await verifyModule();
  const folder = mkdtempSync(path.join(tmpdir(), 'mitid-e2e-dist-'));
  cpSync(dist, folder, { recursive: true });
  return folder;
}

export async function startServer(
  broker: AppOptions = {},
  demo: Omit<DemoOptions, 'distDir'> = {},
): Promise<RunningServer> {
  snapshot ??= builtFiles();
  const distDir = await snapshot;
  const app = await buildDemoServer({ broker, demo: { ...demo, distDir } });
  await app.listen({ port: 0, host: 'localhost' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  running += 1;
  return {
    app,
    origin: `http://localhost:${address.port}`,
    async close() {
      await app.close();
      // The last server of this test file takes the snapshot with it.
      if (--running === 0 && snapshot) {
        rmSync(distDir, { recursive: true, force: true });
        snapshot = undefined;
      }
    },
  };
}
