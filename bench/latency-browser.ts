/**
 * Approval latency through the element in Chromium: from the app's decision call (approve) to `mitid-success` in
 * the page, with the element on its event stream, and on its long-poll (the page plays a proxy that does not pass
 * event streams; see pages/fetch-tap.js). The page records the event's wall-clock time; the driver's and the
 * page's clocks are compared first (the offset is taken from the fastest of several round trips).
 */
import type { Browser, Page } from 'playwright-core';
import type { AppDevice } from '../testing/node/index.js';
import type { LatencyRow, Rig } from './latency.js';
import { sleep, summarize, wallClock } from './stats.js';

interface Tap {
  streams: number;
  pollsStarted: number;
  pollsAnswered: number;
  successes: number;
  success: number | null;
  errors: string[];
}

const readTap = (page: Page) => page.evaluate(() => (window as unknown as { __benchTap: Tap }).__benchTap);

/** page clock − driver clock, ms. */
async function clockOffset(page: Page): Promise<number> {
  let best = { rtt: Infinity, offset: 0 };
  for (let i = 0; i < 20; i += 1) {
    const before = wallClock();
    const pageTime = await page.evaluate(() => performance.timeOrigin + performance.now());
    const after = wallClock();
    if (after - before < best.rtt) best = { rtt: after - before, offset: pageTime - (before + after) / 2 };
  }
  return best.offset;
}

async function waitForTap(page: Page, predicate: string, arg: unknown, timeout = 10_000) {
  await page.waitForFunction(
    ([body, value]) => {
      const tap = (window as unknown as { __benchTap: Tap }).__benchTap;
      return new Function('tap', 'value', `return ${body as string}`)(tap, value) as boolean;
    },
    [predicate, arg] as const,
    { timeout, polling: 2 },
  );
}

async function oneLogin(page: Page, app: AppDevice, longPoll: boolean, offset: number): Promise<number> {
  const before = await readTap(page);
  await page.evaluate(async (userId) => {
    const element = document.querySelector('mitid-login') as HTMLElement & {
      reset(): void;
      start(): void;
      updateComplete: Promise<unknown>;
      step: string;
    };
    if (element.step !== 'user-id') element.reset();
    await element.updateComplete;
    const input = element.querySelector<HTMLInputElement>('input[name="username"]');
    if (!input) throw new Error('no user-ID field');
    input.value = userId;
    element.start();
  }, app.userId);
  // The page is listening: its stream is open, or its long-poll is waiting at the broker.
  if (longPoll)
    await waitForTap(page, 'tap.pollsStarted > value && tap.pollsStarted > tap.pollsAnswered', before.pollsStarted);
  else await waitForTap(page, 'tap.streams > value', before.streams);
  // No method is remembered, so the element shows the list first: the user chooses the app.
  const chosen = await page.waitForFunction(
    () => {
      const buttons = document.querySelector('mitid-login')?.shadowRoot?.querySelectorAll('button[part~="method"]');
      const app = [...(buttons ?? [])].find((button) => button.textContent?.trim().startsWith('MitID app'));
      if (!(app instanceof HTMLElement)) return false;
      app.click();
      return true;
    },
    undefined,
    { polling: 2, timeout: 10_000 },
  );
  await chosen.dispose();
  // The element shows its same-device link (with the request's one-time secret): the app opens that, as a phone does.
  const link = await page.waitForFunction(
    () => document.querySelector('mitid-login')?.shadowRoot?.querySelector('a[part~="app-link"]')?.getAttribute('href'),
    undefined,
    { polling: 2, timeout: 10_000 },
  );
  const appLink = String(await link.jsonValue());
  const opened = await readTap(page);
  const request = (await app.openLink(appLink)).ok();
  // Let the user-signing status reach the page (and, on long-poll, the next poll start).
  if (longPoll)
    await waitForTap(page, 'tap.pollsAnswered > value && tap.pollsStarted > tap.pollsAnswered', opened.pollsAnswered);
  else await sleep(20);
  const signature = app.signature(request, 'approve');
  const start = wallClock();
  (await app.decide(request, 'approve', signature)).ok();
  await waitForTap(page, 'tap.successes > value', before.successes);
  const tap = await readTap(page);
  if (tap.success === null) throw new Error('no success time');
  return tap.success - offset - start;
}

export async function browserLatency(
  browser: Browser,
  origin: string,
  rig: Rig,
  logins: number,
  log: (line: string) => void,
): Promise<LatencyRow[]> {
  const rows: LatencyRow[] = [];
  const app = rig.apps[0];
  if (!app) throw new Error('no app device');
  for (const transport of ['sse', 'long-poll'] as const) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/latency.html?broker=${encodeURIComponent(rig.base)}&transport=${transport}`);
      await page.waitForFunction(() => customElements.get('mitid-login') !== undefined);
      const offset = await clockOffset(page);
      const samples: number[] = [];
      let errors = 0;
      for (let index = -3; index < logins; index += 1) {
        try {
          const ms = await oneLogin(page, app, transport === 'long-poll', offset);
          if (index >= 0) samples.push(ms);
        } catch (error) {
          errors += 1;
          if (errors <= 3) console.warn(`  browser ${transport}: ${(error as Error).message.split('\n')[0]}`);
          if (errors > 10) break;
        }
      }
      const ms = summarize(samples);
      log(`  chromium ${transport}: p50 ${ms.p50.toFixed(1)} ms, p95 ${ms.p95.toFixed(1)} ms (${ms.n} logins)`);
      rows.push({ transport, client: 'chromium', ms, errors });
    } finally {
      await context.close();
    }
  }
  return rows;
}
