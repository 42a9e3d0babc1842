/**
 * First render: navigation start to the user-ID field being focusable, over cold loads in headless Chromium (a
 * new browser context for every load, HTTP cache disabled), for the element and two baselines served by the same
 * local server: a plain `<input>` page and the web-component floor. Loads are interleaved (plain, floor, element,
 * plain, …) so that machine noise falls on all three alike. The time comes from bench/pages/probe.js.
 */
import type { Browser } from 'playwright-core';
import { summarize, type Summary } from './stats.js';

export type PageName = 'plain' | 'floor' | 'element';
export const PAGES: readonly PageName[] = ['plain', 'floor', 'element'];

export interface RenderRow {
  page: PageName;
  /** Navigation start → field focusable, ms. */
  focusable: Summary;
  /** Navigation start → first contentful paint, ms. */
  fcp: Summary;
  /** Median divided by the floor's median. */
  ratioToFloor: number;
  ratioToPlain: number;
  /** Script errors the page raised over all its loads (should be 0). */
  pageErrors: number;
}

interface ProbeResult {
  focusable: number | null;
  via: string | null;
  fcp: number | null;
  errors: number;
}

async function coldLoad(browser: Browser, url: string): Promise<ProbeResult> {
  const context = await browser.newContext({ viewport: { width: 800, height: 900 } });
  try {
    const page = await context.newPage();
    let errors = 0;
    page.on('pageerror', () => (errors += 1));
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(url, { waitUntil: 'load' });
    await page.waitForFunction(
      () => {
        const probe = (window as unknown as { __benchProbe?: ProbeResult }).__benchProbe;
        return probe && probe.focusable !== null && probe.fcp !== null;
      },
      null,
      { timeout: 15_000, polling: 50 },
    );
    const probe = await page.evaluate(() => (window as unknown as { __benchProbe: ProbeResult }).__benchProbe);
    return { ...probe, errors };
  } finally {
    await context.close();
  }
}

export async function firstRender(
  browser: Browser,
  origin: string,
  loads: number,
  log: (line: string) => void,
): Promise<RenderRow[]> {
  const samples = new Map<PageName, { focusable: number[]; fcp: number[]; errors: number }>(
    PAGES.map((page) => [page, { focusable: [], fcp: [], errors: 0 }]),
  );
  // One warm-up round (browser start-up, first process launches) is not counted.
  for (let round = -1; round < loads; round += 1) {
    // Rotate the order each round so no page always comes first after a context is torn down.
    const order = PAGES.map((_, index) => PAGES[(index + Math.max(round, 0)) % PAGES.length]!);
    for (const page of order) {
      const result = await coldLoad(browser, `${origin}/${page}.html`);
      if (round < 0) continue;
      samples.get(page)!.focusable.push(result.focusable ?? Number.NaN);
      samples.get(page)!.fcp.push(result.fcp ?? Number.NaN);
      samples.get(page)!.errors += result.errors;
    }
  }
  const summaries = new Map(
    PAGES.map((page) => [
      page,
      { focusable: summarize(samples.get(page)!.focusable), fcp: summarize(samples.get(page)!.fcp) },
    ]),
  );
  const floor = summaries.get('floor')!.focusable.p50;
  const plain = summaries.get('plain')!.focusable.p50;
  const rows = PAGES.map((page) => {
    const { focusable, fcp } = summaries.get(page)!;
    return {
      page,
      focusable,
      fcp,
      ratioToFloor: focusable.p50 / floor,
      ratioToPlain: focusable.p50 / plain,
      pageErrors: samples.get(page)!.errors,
    };
  });
  for (const row of rows)
    log(`  ${row.page}: median ${row.focusable.p50.toFixed(1)} ms, p95 ${row.focusable.p95.toFixed(1)} ms`);
  return rows;
}
