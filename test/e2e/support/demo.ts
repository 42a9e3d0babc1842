/**
 * The usual rig of an end-to-end suite: the `npm start` server on a free port and a headless Chromium, started
 * before the suite's tests and closed after them. Call it inside `describe`; read `demo.server` and
 * `demo.browser` inside tests (they exist once `before` has run).
 */
import { after, before } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser } from './browser.js';
import { startServer, type RunningServer } from './server.js';

export interface DemoRig {
  readonly server: RunningServer;
  readonly browser: Browser;
}

export function useDemo(): DemoRig {
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      if (!server) throw new Error('useDemo(): the server is not started yet (use it inside a test)');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('useDemo(): the browser is not launched yet (use it inside a test)');
      return browser;
    },
  };
}
