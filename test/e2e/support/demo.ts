/**
 * The usual rig of an end-to-end suite: the `npm start` server on a free port and a headless Chromium, started
 * before the suite's tests and closed after them. Call it inside `describe`; read `demo.server` and
 * `demo.browser` inside tests (they exist once `before` has run).
 */
import { after, before } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { activateApp } from './app.js';
import { PHONE, launchBrowser, newContext } from './browser.js';
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

export interface DemoAppRig extends DemoRig {
  /** The phone-sized context the app page lives in, and /app/ activated for the user ID. */
  readonly appContext: BrowserContext;
  readonly app: Page;
}

/** {@link useDemo}, and the simulated app opened in a phone-sized context and activated for `userId`. */
export function useDemoWithApp(userId = 'anna.app'): DemoAppRig {
  const demo = useDemo();
  let appContext: BrowserContext | undefined;
  let app: Page | undefined;
  before(async () => {
    appContext = await newContext(demo.browser, PHONE);
    app = await appContext.newPage();
    await activateApp(app, demo.server.origin, userId);
  });
  return {
    get server() {
      return demo.server;
    },
    get browser() {
      return demo.browser;
    },
    get appContext() {
      if (!appContext) throw new Error('useDemoWithApp(): the app is not open yet (use it inside a test)');
      return appContext;
    },
    get app() {
      if (!app) throw new Error('useDemoWithApp(): the app is not open yet (use it inside a test)');
      return app;
    },
  };
}
