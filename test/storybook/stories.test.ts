/**
 * Every Storybook story, rendered in Chromium from the built static site: no console errors, no page errors,
 * the play function done without throwing, the a11y addon's own run passed, and zero axe violations (WCAG 2.2
 * A/AA rules) in the state the play function left. Stories are listed from the site's own index.json, so a new
 * story is checked without touching this file. Tags ask for media emulation: `forced-colors`, `dark-scheme`,
 * `reduced-motion`.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import type { Browser } from 'playwright-core';
import { launchBrowser } from '../e2e/support/browser.js';

const site = new URL('../../storybook-static/', import.meta.url);
const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const axeRunnerPath = new URL('../support/axe-in-page.js', import.meta.url).pathname;
const statusScriptPath = new URL('./story-status.js', import.meta.url).pathname;
// Two pages at a time: the machine's two cores are shared with other test groups.
const concurrency = Number(process.env.STORYBOOK_TEST_CONCURRENCY ?? 2);

interface IndexEntry {
  id: string;
  title: string;
  name: string;
  type: 'story' | 'docs';
  tags?: string[];
}

interface StoryStatus {
  finished?: boolean;
  status?: string;
  problems: string[];
}

function storiesFromIndex(): IndexEntry[] {
  const indexFile = new URL('index.json', site);
  if (!existsSync(indexFile)) throw new Error('storybook-static/index.json is missing: run `npm run build-storybook`.');
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}

const stories = storiesFromIndex();

describe('Storybook stories', { concurrency }, () => {
  let server: FastifyInstance;
  let origin: string;
  let browser: Browser;

  before(async () => {
    server = Fastify();
    await server.register(fastifyStatic, { root: site.pathname });
    origin = await server.listen({ port: 0, host: 'localhost' });
    browser = await launchBrowser();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  it('has stories to check', () => {
    assert.ok(stories.length > 0);
  });

  for (const story of stories) {
    it(`${story.title} / ${story.name} renders cleanly and passes axe`, async () => {
      const tags = story.tags ?? [];
      const page = await browser.newPage();
      await page.emulateMedia({
        forcedColors: tags.includes('forced-colors') ? 'active' : 'none',
        colorScheme: tags.includes('dark-scheme') ? 'dark' : 'light',
        reducedMotion: tags.includes('reduced-motion') ? 'reduce' : 'no-preference',
      });
      await page.addInitScript({ path: statusScriptPath });
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        // Failed loads are reported below with their address; the console's copy of them has none.
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
          problems.push(`console error: ${message.text()}`);
        }
      });
      page.on('response', (response) => {
        if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
      });
      try {
        await page.goto(`${origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story`);
        // Finished means: rendered, play function done, the a11y addon's run reported.
        await page.waitForFunction('window.__storyStatus?.finished === true', null, { timeout: 20_000 });
        const status = (await page.evaluate('window.__storyStatus')) as StoryStatus;
        if (status.status !== 'success') problems.push(`story finished with status ${status.status}`);
        problems.push(...status.problems);
        const defined = await page.evaluate(() => Boolean(customElements.get('mitid-login')));
        assert.ok(defined, 'the story defines <mitid-login>');
        await page.addScriptTag({ path: axePath });
        await page.addScriptTag({ path: axeRunnerPath });
        const violations = await page.evaluate(
          // Injected just above (test/support/axe-in-page.js).
          () => (window as unknown as { runAxe(selector: string): Promise<string[]> }).runAxe('#storybook-root'),
        );
        assert.deepEqual([...problems, ...violations], []);
      } finally {
        await page.close();
      }
    });
  }
});
