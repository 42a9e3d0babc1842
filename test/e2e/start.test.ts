/**
 * The `npm start` entry (demo/main.ts, which scripts/start.mjs runs after building): it prints its address,
 * stops cleanly on Ctrl-C (SIGINT), and a port in use or a malformed TRUST_PROXY gives one clear line instead of a
 * stack trace.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function startMain(port: number, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

describe('the npm start entry', () => {
  it('serves, prints its address, and stops cleanly on SIGINT', async () => {
    const main = startMain(0);
    const address = await new Promise<string>((resolve, reject) => {
      main.child.stdout.on('data', () => {
        const match = /mitid-login demo: (http:\/\/localhost:\d+\/)/.exec(main.output().stdout);
        if (match) resolve(match[1]!);
      });
      void main.exited.then(() => reject(new Error(`exited early: ${JSON.stringify(main.output())}`)));
    });
    const health = await fetch(`${address}healthz`);
    assert.equal(health.status, 200);
    main.child.kill('SIGINT');
    const [code] = await main.exited;
    assert.equal(code, 0);
    assert.equal(main.output().stderr, '');
  });

  it('says in one line that the port is in use', async () => {
    const blocker = createServer();
    blocker.listen(0, 'localhost');
    await once(blocker, 'listening');
    const { port } = blocker.address() as { port: number };
    try {
      const main = startMain(port);
      const [code] = await main.exited;
      assert.equal(code, 1);
      assert.equal(
        main.output().stderr,
        `Port ${port} is in use: stop what uses it, or start with PORT=<another port>.\n`,
      );
    } finally {
      blocker.close();
    }
  });

  it('says in one line that TRUST_PROXY is malformed, and does not start', async () => {
    for (const value of ['yes', '10.0.0.0/33']) {
      const main = startMain(0, { TRUST_PROXY: value });
      const [code] = await main.exited;
      assert.equal(code, 1);
      assert.equal(
        main.output().stderr,
        'TRUST_PROXY must be a number of proxy hops (e.g. 1) or a comma-separated list of proxy addresses or CIDRs ' +
          `(e.g. 10.0.0.0/8,::1), not "${value}".\n`,
      );
      assert.equal(main.output().stdout, '');
    }
  });
});
