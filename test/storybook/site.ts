/**
 * The rig of a Storybook suite: the built static site (`npm run build-storybook`) served on a free port, and a
 * headless Chromium, started before the suite's tests and closed after them. Call it inside `describe`; read
 * `storybook.origin` and `storybook.browser` inside tests.
 */
import { after, before } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';

export const SITE = new URL('../../storybook-static/', import.meta.url);

export interface StorybookRig {
  readonly origin: string;
  readonly browser: Browser;
}

export function useStorybookSite(): StorybookRig {
  let server: FastifyInstance | undefined;
  let origin: string | undefined;
  let browser: Browser | undefined;
  before(async () => {
    server = Fastify();
    await server.register(fastifyStatic, { root: SITE.pathname });
    origin = await server.listen({ port: 0, host: 'localhost' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });
  return {
    get origin() {
      if (!origin) throw new Error('useStorybookSite(): the site is not served yet (use it inside a test)');
      return origin;
    },
    get browser() {
      if (!browser) throw new Error('useStorybookSite(): the browser is not launched yet (use it inside a test)');
      return browser;
    },
  };
}
