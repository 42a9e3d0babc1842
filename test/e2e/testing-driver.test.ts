/**
 * The Playwright driver of mitid-login/testing (testing/node/playwright.ts) hears the element's events exactly: a
 * test asks for the next `mitid-error` and then acts, and on a loaded machine the event the action causes can
 * reach the page before the question does (the question crosses the debugging channel, the answer the broker's
 * status stream). Here the event is fired in the page before the question on purpose: the driver still returns
 * it. And "next" means next: an event the page fired before the driver's last call ended is never returned.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { PageHarness } from '../../testing/node/index.js';
import { newContext } from './support/browser.js';
import { useDemo } from './support/demo.js';

/** What the element would fire; the page's own listeners hear it as they hear the element's. */
function fire(page: Page, type: 'mitid-error' | 'mitid-success', code: string): Promise<void> {
  return page.evaluate(
    ([eventType, detailCode]) => {
      const element = document.querySelector('mitid-login')!;
      element.dispatchEvent(
        new CustomEvent(eventType, {
          detail: { code: detailCode, message: detailCode },
          bubbles: true,
          composed: true,
        }),
      );
    },
    [type, code] as const,
  );
}

describe('mitid-login/testing: the Playwright driver and the element’s events', () => {
  const demo = useDemo();

  async function bankPage(): Promise<{ page: Page; mitid: PageHarness }> {
    const page = await (await newContext(demo.browser)).newPage();
    await page.goto(`${demo.server.origin}/netbank/`);
    const mitid = new PageHarness(page, { timeoutMs: 5_000 });
    assert.equal(await mitid.step(), 'user-id');
    return { page, mitid };
  }

  it('returns an event that reached the page before the question did', async () => {
    const { page, mitid } = await bankPage();
    await fire(page, 'mitid-error', 'rejected');
    assert.equal((await mitid.nextError()).code, 'rejected');
    await page.context().close();
  });

  it('never returns one fired before its last call ended, and each event once', async () => {
    const { page, mitid } = await bankPage();
    await fire(page, 'mitid-error', 'old');
    assert.equal(await mitid.step(), 'user-id');
    const next = mitid.nextError();
    await fire(page, 'mitid-error', 'new');
    await fire(page, 'mitid-error', 'newer');
    assert.equal((await next).code, 'new');
    assert.equal((await mitid.nextError()).code, 'newer', 'the one after the one returned');
    // The two kinds are apart: a success asked for now is the next success, not any event.
    const success = mitid.nextSuccess();
    await fire(page, 'mitid-error', 'not-a-success');
    await fire(page, 'mitid-success', 'ok');
    assert.equal(((await success) as unknown as { code: string }).code, 'ok');
    await page.context().close();
  });

  it('after a reload, the new page’s log is read from its start (its count starts again)', async () => {
    const { page, mitid } = await bankPage();
    for (const code of ['one', 'two', 'three']) await fire(page, 'mitid-error', code);
    for (const code of ['one', 'two', 'three']) assert.equal((await mitid.nextError()).code, code);
    await page.reload();
    assert.equal(await mitid.step(), 'user-id');
    await fire(page, 'mitid-error', 'after-reload');
    assert.equal((await mitid.nextError()).code, 'after-reload');
    await page.context().close();
  });
});
