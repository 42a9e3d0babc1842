/**
 * The rig of an example app's browser test: build the example offline with its own tooling (`npm run
 * build:offline` in its workspace: Vite for React and Vue, the Angular CLI for Angular), serve the built folder
 * over HTTP on a free port, and open it in headless Chromium. Offline builds give the element the scripted
 * transport, so no broker runs; what is tested is the framework's own binding of properties, attributes and
 * `mitid-*` events.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createReadStream, existsSync, statSync } from 'node:fs';
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { launchBrowser, newContext, watch } from '../../e2e/support/browser.js';
import { loginAndApprove, refusedLogin } from './bank-flow.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

/** Runs `npm run <script>` in `examples/<name>`; a failed build fails the test with the tool's own output. */
export function buildExample(name: string, script: 'build' | 'build:offline' = 'build:offline'): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(
      'npm',
      ['run', script],
      { cwd: path.join(root, 'examples', name), env: { ...process.env, NG_CLI_ANALYTICS: 'false', CI: '1' } },
      (error, stdout, stderr) =>
        error ? reject(new Error(`examples/${name}: npm run ${script} failed\n${stdout}\n${stderr}`)) : resolve(),
    );
  });
}

/** The folder an example's build wrote to. */
export function exampleFolder(name: string, outDir: string): string {
  return path.join(root, 'examples', name, outDir);
}

/** Requests under `prefix` go to `target()` (as an example's dev server forwards /examples/api/ to `npm start`). */
export interface Forward {
  prefix: string;
  target: () => string;
}

function forward(request: IncomingMessage, response: ServerResponse, to: string): void {
  const url = new URL(request.url ?? '/', to);
  const outgoing = httpRequest(
    url,
    { method: request.method, headers: { ...request.headers, host: url.host } },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  outgoing.on('error', () => response.writeHead(502).end());
  request.pipe(outgoing);
}

/** A static server for a built single-page app: files as they are, anything else gets index.html. */
export async function serveFolder(
  folder: string,
  proxy?: Forward,
): Promise<{ origin: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    if (proxy && request.url?.startsWith(proxy.prefix)) return forward(request, response, proxy.target());
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    let file = path.join(folder, path.normalize(pathname));
    if (!file.startsWith(folder) || !existsSync(file) || statSync(file).isDirectory()) {
      file = path.join(folder, 'index.html');
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the static server has no port');
  return {
    origin: `http://localhost:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface ExampleRig {
  readonly origin: string;
  readonly browser: Browser;
}

/**
 * Builds `examples/<name>` offline, serves `outDir` (relative to the example) and launches Chromium, before the
 * suite's tests; closes both after them. Call it inside `describe`.
 */
export function useExample(name: string, outDir: string): ExampleRig {
  let served: { origin: string; close(): Promise<void> } | undefined;
  let browser: Browser | undefined;
  before(async () => {
    await buildExample(name);
    const folder = exampleFolder(name, outDir);
    if (!existsSync(path.join(folder, 'index.html'))) throw new Error(`examples/${name}: no index.html in ${outDir}`);
    served = await serveFolder(folder);
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await served?.close();
  });
  return {
    get origin() {
      if (!served) throw new Error('useExample(): not served yet (use it inside a test)');
      return served.origin;
    },
    get browser() {
      if (!browser) throw new Error('useExample(): the browser is not launched yet (use it inside a test)');
      return browser;
    },
  };
}

/**
 * The two offline tests every framework example passes (bank-flow.ts): login and approval, and a refused login,
 * each on a fresh page with no console error and no CSP violation. `framework` names it in the test titles.
 */
export function offlineExampleSuite(title: string, name: string, outDir: string, framework: string): void {
  describe(title, () => {
    const example = useExample(name, outDir);
    const flows = [
      [`logs in and approves the transfer through ${framework} bindings`, loginAndApprove],
      [`a refused login: ${framework} logs mitid-error and binds a fresh nonce to the same element`, refusedLogin],
    ] as const;
    for (const [does, flow] of flows) {
      it(does, async () => {
        const page = await (await newContext(example.browser)).newPage();
        const problems = await watch(page);
        await flow(page, example.origin);
        assert.deepEqual(await problems.list(), []);
      });
    }
  });
}
