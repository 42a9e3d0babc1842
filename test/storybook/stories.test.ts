/**
 * Every Storybook story, rendered in Chromium from the built static site: no console errors, no page errors, no
 * failed requests, the play function done without throwing, the a11y addon's own run passed, and zero axe
 * violations (WCAG 2.2 A/AA rules) in the state the play function left. Stories are listed from the site's own
 * index.json, so a new story is checked without touching this file.
 *
 * Every story runs in the light theme; every step and result story runs again with the `theme` toolbar set to
 * dark, and again under emulated `forced-colors: active` with a light and with a dark system theme (issue 8: axe on
 * every step, da and en, light, dark and forced colours; issue 19: in forced colours every node axe reports for
 * `color-contrast` is judged by the colours painted, a screenshot of its box, and fails only below 4.5:1). Tags ask a story for media emulation of its own: `forced-colors`, `dark-scheme`,
 * `reduced-motion`.
 *
 * A page loads Storybook once and then switches stories over Storybook's own channel (`setCurrentStory`), which
 * remounts the story: a fraction of a second per story instead of a page load. A page that saw a failure is
 * closed, so a broken story cannot leak into the next one.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { SITE, useStorybookSite } from './site.js';
import { paintedContrastFailures } from '../e2e/support/painted-contrast.js';

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
  storyId?: string;
  finished?: boolean;
  status?: string;
  problems: string[];
}

/** How a run looks: Storybook globals (the toolbar) and media emulation. */
interface Variant {
  name: string;
  globals: string;
  forcedColors: boolean;
  /** The system theme, when not the light one. */
  colorScheme?: 'dark';
  applies(story: IndexEntry): boolean;
}

const VARIANTS: Variant[] = [
  { name: 'light', globals: '', forcedColors: false, applies: () => true },
  { name: 'dark', globals: 'theme:dark', forcedColors: false, applies: isStepOrResult },
  { name: 'forced colours', globals: '', forcedColors: true, applies: isStepOrResult },
  { name: 'forced colours, dark', globals: '', forcedColors: true, colorScheme: 'dark', applies: isStepOrResult },
];

/**
 * What the story's own run reported. Under forced colours the a11y addon's axe run has the same colour-contrast
 * mistakes as ours: a report failing on `color-contrast` alone (and the error status it alone caused) is left to the
 * painted-pixel judgement below, which sees every node axe reports; any other rule or problem still fails.
 */
function storyProblems(status: StoryStatus, forcedColors: boolean): string[] {
  const contrastOnly = (line: string) => /^a11y report failed: color-contrast \([^;]*\)$/.test(line);
  const reported = forcedColors ? status.problems.filter((line) => !contrastOnly(line)) : status.problems;
  const onlyContrast = reported.length === 0 && status.problems.length > 0;
  const failed = status.status !== 'success' && !onlyContrast;
  return [...(failed ? [`story finished with status ${status.status}`] : []), ...reported];
}

function isStepOrResult(story: IndexEntry): boolean {
  return story.title.startsWith('Steps/') || story.title === 'Results' || story.title === 'mitid-enrol';
}

function storiesFromIndex(): IndexEntry[] {
  const indexFile = new URL('index.json', SITE);
  if (!existsSync(indexFile)) throw new Error('storybook-static/index.json is missing: run `npm run build-storybook`.');
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, IndexEntry> };
  return Object.values(index.entries).filter((entry) => entry.type === 'story');
}

const stories = storiesFromIndex();

/** A page with Storybook loaded, and what went wrong on it since the current story started. */
interface StoryPage {
  page: Page;
  problems: string[];
}

describe('Storybook stories', { concurrency }, () => {
  const storybook = useStorybookSite();
  const idle = new Map<string, StoryPage[]>();

  async function openPage(variant: Variant, story: IndexEntry): Promise<StoryPage> {
    const page = await storybook.browser.newPage();
    const storyPage: StoryPage = { page, problems: [] };
    page.on('pageerror', (error) => storyPage.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      // Failed loads are reported below with their address; the console's copy of them has none.
      if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
        storyPage.problems.push(`console error: ${message.text()}`);
      }
    });
    page.on('response', (response) => {
      if (response.status() >= 400) storyPage.problems.push(`HTTP ${response.status()}: ${response.url()}`);
    });
    await page.addInitScript({ path: statusScriptPath });
    const globals = variant.globals ? `&globals=${variant.globals}` : '';
    await page.goto(`${storybook.origin}/iframe.html?id=${encodeURIComponent(story.id)}&viewMode=story${globals}`);
    return storyPage;
  }

  /** Shows `story` on a page of this variant: a fresh page, or an idle one switched over Storybook's channel. */
  async function show(variant: Variant, story: IndexEntry): Promise<StoryPage> {
    const tags = story.tags ?? [];
    const media = {
      forcedColors: variant.forcedColors || tags.includes('forced-colors') ? 'active' : 'none',
      colorScheme: variant.colorScheme ?? (tags.includes('dark-scheme') ? 'dark' : 'light'),
      reducedMotion: tags.includes('reduced-motion') ? 'reduce' : 'no-preference',
    } as const;
    const reused = idle.get(variant.name)?.pop();
    if (!reused) {
      const fresh = await openPage(variant, story);
      await fresh.page.emulateMedia(media);
      return fresh;
    }
    await reused.page.emulateMedia(media);
    reused.problems.length = 0;
    await reused.page.evaluate((id) => {
      const win = window as unknown as {
        __storyStatus: StoryStatus;
        __STORYBOOK_ADDONS_CHANNEL__: { emit(event: string, payload: unknown): void };
      };
      win.__storyStatus = { problems: [] };
      win.__STORYBOOK_ADDONS_CHANNEL__.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
    }, story.id);
    return reused;
  }

  it('has stories to check', () => {
    assert.ok(stories.length > 0);
  });

  for (const variant of VARIANTS) {
    for (const story of stories.filter((candidate) => variant.applies(candidate))) {
      const suffix = variant.name === 'light' ? '' : ` [${variant.name}]`;
      it(`${story.title} / ${story.name}${suffix} renders cleanly and passes axe`, async () => {
        const storyPage = await show(variant, story);
        const { page, problems } = storyPage;
        let clean = false;
        try {
          // Finished means: rendered, play function done, the a11y addon's run reported.
          await page.waitForFunction(
            (id) => {
              const status = (window as unknown as { __storyStatus?: StoryStatus }).__storyStatus;
              return status?.finished === true && status.storyId === id;
            },
            story.id,
            { timeout: 20_000 },
          );
          const status = (await page.evaluate('window.__storyStatus')) as StoryStatus;
          problems.push(...storyProblems(status, variant.forcedColors));
          const defined = await page.evaluate(() => Boolean(customElements.get('mitid-login')));
          assert.ok(defined, 'the story defines <mitid-login>');
          if (!(await page.evaluate(() => 'runAxe' in window))) {
            await page.addScriptTag({ path: axePath });
            await page.addScriptTag({ path: axeRunnerPath });
          }
          const violations = await page.evaluate(
            // Injected just above (test/support/axe-in-page.js).
            () => (window as unknown as { runAxe(selector: string): Promise<string[]> }).runAxe('#storybook-root'),
          );
          // In forced colours axe's contrast rule mixes authored text colours with forced backgrounds: each node it
          // reports there is judged by its painted pixels instead (test/support/painted-contrast.js).
          const forced = await page.evaluate(() => matchMedia('(forced-colors: active)').matches);
          const judged = forced
            ? [
                ...violations.filter((line) => !line.startsWith('color-contrast:')),
                ...(await paintedContrastFailures(page, '#storybook-root')),
              ]
            : violations;
          const found = [...problems, ...judged];
          clean = found.length === 0;
          assert.deepEqual(found, []);
        } finally {
          if (clean) idle.set(variant.name, [...(idle.get(variant.name) ?? []), storyPage]);
          else await page.close();
        }
      });
    }
  }
});
