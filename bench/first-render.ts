/**
 * First render: navigation start to the user-ID field being visible and focusable, over cold loads in headless
 * Chromium (a new browser context for every load, HTTP cache disabled), for the element and two baselines served by
 * the same local server: a plain `<input>` page and the web-component floor (a trivial custom element from an
 * external module). Each round loads all three once, in a fresh random order, and the figure that counts is the
 * paired difference: the element's time minus the floor's *in the same round*, as the median over the rounds with
 * its spread. The three loads of a round share the machine's state of that moment, and navigation and renderer
 * start-up (60–90 ms here) cancel in the difference, where a ratio of two medians keeps them on both sides (the
 * ratios are reported beside it, not instead). The time comes from bench/pages/probe.js, inlined by the static
 * server as each page's first script.
 */
import type { Browser } from 'playwright-core';
import { pairedDifference, shuffled, summarize, type PairedSpread, type Summary } from './stats.js';

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

export interface FirstRenderResult {
  /** Rounds counted (each loads every page once, in a random order); one warm-up round before them is not. */
  rounds: number;
  rows: RenderRow[];
  /** Element − floor, per round: the time the element adds over the floor any web component pays. */
  elementOverFloor: PairedSpread;
  /** Element − plain page, per round. */
  elementOverPlain: PairedSpread;
  /** Floor − plain page, per round: what a module-defined custom element costs by itself. */
  floorOverPlain: PairedSpread;
}

export async function firstRender(
  browser: Browser,
  origin: string,
  rounds: number,
  log: (line: string) => void,
): Promise<FirstRenderResult> {
  const samples = new Map<PageName, { focusable: number[]; fcp: number[]; errors: number }>(
    PAGES.map((page) => [page, { focusable: [], fcp: [], errors: 0 }]),
  );
  // One warm-up round (browser start-up, first process launches) is not counted.
  for (let round = -1; round < rounds; round += 1) {
    // A fresh random order each round, so that no page is always first after a context is torn down.
    for (const page of shuffled(PAGES)) {
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
  const times = (page: PageName) => samples.get(page)!.focusable;
  const result: FirstRenderResult = {
    rounds,
    rows,
    elementOverFloor: pairedDifference(times('element'), times('floor')),
    elementOverPlain: pairedDifference(times('element'), times('plain')),
    floorOverPlain: pairedDifference(times('floor'), times('plain')),
  };
  const over = result.elementOverFloor;
  log(
    `  element − floor, paired over ${over.n} rounds: median ${over.median.toFixed(1)} ms ` +
      `(quartiles ${over.q1.toFixed(1)} to ${over.q3.toFixed(1)} ms)`,
  );
  for (const row of rows)
    log(`  ${row.page}: median ${row.focusable.p50.toFixed(1)} ms, p95 ${row.focusable.p95.toFixed(1)} ms`);
  return result;
}
