/**
 * Server rendering with Lit SSR (examples/ssr/, served by `npm start` at /examples/ssr/): the element's shadow DOM
 * is in the HTML as a declarative shadow root, styled before any script runs under a policy that allows exactly
 * the element's style sheet by hash; the script then hydrates that shadow root (no second copy) and the login
 * works end to end against the broker.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { activateApp } from '../e2e/support/app.js';
import { PHONE, newContext, watch } from '../e2e/support/browser.js';
import { useDemo } from '../e2e/support/demo.js';
import { fieldShown, mitid } from '../e2e/support/element.js';
import { liveLogin } from './support/bank-flow.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('Lit SSR example: declarative shadow DOM, then hydration', () => {
  const demo = useDemo();
  const url = () => `${demo.server.origin}/examples/ssr/`;

  it('page.ts and client.ts type-check against the package types', () => {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'examples/ssr'], { cwd: root });
  });

  it("the HTML carries the element's shadow root, this login's nonce, and a policy allowing only its styles", async () => {
    const response = await fetch(url());
    assert.equal(response.status, 200);
    const page = await response.text();
    assert.match(page, /<mitid-login[^>]*nonce="[\w-]{24,}"[^>]*><template shadowroot="open" shadowrootmode="open">/);
    assert.match(page, /<h2 id="heading" part="heading" tabindex="-1"><!--lit-part-->Log på med MitID/);
    const styles = [...page.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1]!);
    assert.equal(styles.length, 1);
    const hash = createHash('sha256').update(styles[0]!).digest('base64');
    const policy = response.headers.get('content-security-policy') ?? '';
    assert.match(policy, new RegExp(`style-src 'self' 'sha256-${hash.replace(/[+/]/g, '\\$&')}';`));
    assert.doesNotMatch(policy, /unsafe-inline/);
  });

  it('a page elsewhere on the same site that loads this one does not replace the nonce of a login in progress', async () => {
    const nonceOf = (html: string) => /<mitid-login[^>]*nonce="([\w-]{24,})"/.exec(html)?.[1];
    const first = await fetch(url());
    const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    assert.match(cookie, /^examples_session=/);
    const inProgress = nonceOf(await first.text());
    assert.ok(inProgress);
    const load = async (site: string) =>
      nonceOf(await (await fetch(url(), { headers: { cookie, 'sec-fetch-site': site } })).text());
    assert.equal(
      await load('same-site'),
      inProgress,
      'another port of the same host: the login in progress keeps its nonce',
    );
    assert.equal(await load('cross-site'), inProgress);
    const reloaded = await load('same-origin');
    assert.ok(reloaded && reloaded !== inProgress, 'the site’s own navigation (a reload) starts a new login');
    assert.notEqual(await load('none'), reloaded, 'as does the user typing the address');
  });

  it('without JavaScript the login card is already drawn and styled', async () => {
    const context = await demo.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(url());
    await page.getByRole('heading', { name: 'Log på med MitID' }).waitFor();
    const border = await mitid(page).evaluate(
      (element) => getComputedStyle(element.shadowRoot!.querySelector('.card')!).borderTopStyle,
    );
    assert.equal(border, 'solid', "the server-rendered <style> applies (the policy's hash allows it)");
    await context.close();
  });

  it('with JavaScript the element hydrates the same shadow root and the login works', async () => {
    const page = await (await newContext(demo.browser)).newPage();
    const app = await (await newContext(demo.browser, PHONE)).newPage();
    const problems = await watch(page);
    await activateApp(app, demo.server.origin, 'anna.app');
    await page.goto(url());
    await fieldShown(page, 'Bruger-ID');
    const cards = await mitid(page).evaluate((element) => element.shadowRoot!.querySelectorAll('section.card').length);
    assert.equal(cards, 1, 'hydrated in place, not drawn a second time');
    await liveLogin(page, app, url());
    assert.deepEqual(await problems.list(), []);
  });
});
