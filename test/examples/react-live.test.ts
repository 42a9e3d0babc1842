/**
 * The React example's live build as its README runs it: the page on its own origin, its back end reached through
 * the page's server (/examples/api/ forwarded to `npm start`, as the Vite dev server does), the broker called
 * across origins (CORS for the client's registered origins). The server verifies assertions bound to the page's
 * origin, not its own. One framework suffices for this path: the bindings are the offline tests' concern.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Browser } from 'playwright-core';
import { DEMO_CLIENTS_FILE } from '../../demo/config.js';
import { loadClientsFile } from '../../server/config/clients.js';
import { activateApp } from '../e2e/support/app.js';
import { PHONE, launchBrowser, newContext, watch } from '../e2e/support/browser.js';
import { startServer, type RunningServer } from '../e2e/support/server.js';
import { liveLoginAndApprove } from './support/bank-flow.js';
import { buildExample, exampleFolder, serveFolder } from './support/example-app.js';

describe('React 19 example, live: broker across origins, back end through the page server', () => {
  let site: Awaited<ReturnType<typeof serveFolder>>;
  let demo: RunningServer;
  let browser: Browser;

  before(async () => {
    await buildExample('react', 'build');
    let backend = '';
    site = await serveFolder(exampleFolder('react', 'dist'), { prefix: '/examples/api/', target: () => backend });
    // The broker lets the client `examples` call from the page's origin; the relying party accepts it as its own.
    const clients = loadClientsFile(DEMO_CLIENTS_FILE).map((client) =>
      client.id === 'examples' ? { ...client, origins: ['self', site.origin] } : client,
    );
    demo = await startServer({ clients }, { exampleOrigins: [site.origin] });
    backend = demo.origin;
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await demo?.close();
    await site?.close();
  });

  it('logs in and approves with the app; the back end verifies assertions made for the page origin', async () => {
    const page = await (await newContext(browser)).newPage();
    const app = await (await newContext(browser, PHONE)).newPage();
    const problems = await watch(page);
    await activateApp(app, demo.origin, 'anna.app');
    const assertions: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/examples\/api\/(login|approval\/verify)$/.test(request.url())) {
        assertions.push((request.postDataJSON() as { assertion: string }).assertion);
      }
    });
    await liveLoginAndApprove(page, app, site.origin);
    assert.equal(assertions.length, 2);
    for (const assertion of assertions) {
      const claims = JSON.parse(Buffer.from(assertion.split('.')[1]!, 'base64url').toString()) as { origin: string };
      assert.equal(claims.origin, site.origin);
    }
    assert.deepEqual(await problems.list(), []);
  });
});
