// What docs/quick-start.md says about SRI, in Chromium: the entry's `integrity` attribute and an import map's
// `integrity` for the chunks, with the hashes `npm run sri` prints; a wrong hash stops the file. Needs a build.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../scripts/chromium.mjs';

const root = new URL('../../', import.meta.url);
const executablePath = findChromium();
const skip = executablePath ? false : 'Chromium not found';

const printed = execFileSync(process.execPath, ['scripts/sri.mjs', '--json'], { cwd: root, encoding: 'utf8' });
const hashes = JSON.parse(printed) as Record<string, string>;
const entry = hashes['mitid-login.js']!;
const english = Object.keys(hashes).find((file) => /^chunks\/en-[\w-]+\.js$/.test(file))!;
const WRONG = `sha384-${'A'.repeat(64)}`;

const pages = new Map<string, string>();
let server: Server;
let browser: Browser;
let origin: string;

before(async () => {
  if (skip) return;
  server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const page = pages.get(url.pathname);
    if (page) return response.writeHead(200, { 'content-type': 'text/html' }).end(page);
    if (url.pathname.startsWith('/mitid/') && !url.pathname.includes('..')) {
      try {
        const body = await readFile(new URL(`dist/${url.pathname.slice('/mitid/'.length)}`, root));
        return response.writeHead(200, { 'content-type': 'text/javascript' }).end(body);
      } catch {
        // fall through
      }
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({ executablePath: executablePath!, args: chromiumArgs });
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => server?.close(resolve));
});

function html(entryIntegrity: string, chunkIntegrity: Record<string, string>): string {
  const map = JSON.stringify({ integrity: chunkIntegrity });
  return `<!doctype html><html lang="da"><script type="importmap">${map}</script>
    <script type="module" src="/mitid/mitid-login.js" integrity="${entryIntegrity}"></script>
    <mitid-login></mitid-login></html>`;
}

async function open(path: string, content: string) {
  pages.set(path, content);
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  // A script that fails to load (a wrong integrity hash among the reasons) fires `error` on its element.
  await page.addInitScript(() => {
    const failed: string[] = [];
    (window as unknown as { failedScripts: string[] }).failedScripts = failed;
    addEventListener(
      'error',
      (event) => event.target instanceof HTMLScriptElement && failed.push(event.target.src),
      true,
    );
  });
  await page.goto(`${origin}${path}`);
  return { page, errors };
}

test('the hashes npm run sri prints let the entry and a chunk load', { skip }, async () => {
  const { page } = await open('/right', html(entry, { [`/mitid/${english}`]: hashes[english]! }));
  await page.waitForFunction(() => customElements.get('mitid-login') !== undefined);
  const loaded = await page.evaluate((url) => import(url).then(() => true), `/mitid/${english}`);
  assert.equal(loaded, true);
  await page.close();
});

test('a wrong integrity attribute keeps the entry from running', { skip }, async () => {
  const { page, errors } = await open('/wrong-entry', html(WRONG, {}));
  // The refusal is the event: the entry's script element reports its error, and the entry can no longer run.
  await page.waitForFunction(() =>
    (window as unknown as { failedScripts: string[] }).failedScripts.some((src) => src.endsWith('/mitid-login.js')),
  );
  assert.equal(await page.evaluate(() => customElements.get('mitid-login') === undefined), true);
  assert.ok(
    errors.some((text) => /integrity/i.test(text)),
    errors.join('\n'),
  );
  await page.close();
});

test('a wrong hash in the import map keeps a chunk from loading', { skip }, async () => {
  const { page } = await open('/wrong-chunk', html(entry, { [`/mitid/${english}`]: WRONG }));
  await page.waitForFunction(() => customElements.get('mitid-login') !== undefined);
  const outcome = await page.evaluate(
    (url) =>
      import(url).then(
        () => 'loaded',
        (error: unknown) => `refused: ${String(error)}`,
      ),
    `/mitid/${english}`,
  );
  assert.match(outcome, /^refused/);
  await page.close();
});
