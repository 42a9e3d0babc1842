// Server rendering of the built package with Lit's SSR package, in plain Node (no DOM): the element renders its
// shadow DOM as a declarative shadow root, without a `document`, in Danish by default and in any language whose
// catalogue the server registered first. examples/ssr/ puts this in a page (test/examples/ssr.test.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import type * as Sdk from '../../src/index.js';
import type * as English from '../../src/i18n/locales/en.js';

// The built package by its own name; the specifiers sit in variables so that `tsc` (which runs before any build in
// `npm test`) takes the types from the sources.
const PACKAGE = 'mitid-login';
const ENGLISH = 'mitid-login/locales/en';
const { registerLocale } = (await import(PACKAGE)) as typeof Sdk;
const { en } = (await import(ENGLISH)) as typeof English;

const rendered = (template: unknown) => collectResult(render(template));

test('an element with no attributes renders its Danish login card into a declarative shadow root', async () => {
  const markup = await rendered(html`<mitid-login></mitid-login>`);
  assert.match(markup, /<mitid-login[^>]*><template shadowroot="open" shadowrootmode="open"><style>/);
  assert.match(markup, /Log på med MitID/);
  assert.match(markup, /<slot name="form"><\/slot>/, 'the light-DOM form is filled in by the browser');
});

test('lang="en" renders English once the server has registered the catalogue', async () => {
  registerLocale('en', en);
  const markup = await rendered(
    html`<mitid-login lang="en" mode="approve" transaction-text="Pay 10 kr."></mitid-login>`,
  );
  assert.match(markup, /Approve with MitID/);
});

test("the server's strings are escaped in attributes and text", async () => {
  const text = '<img src=x onerror=alert(1)> "quoted"';
  const markup = await rendered(html`<mitid-login lang="da" mode="approve" transaction-text=${text}></mitid-login>`);
  assert.doesNotMatch(markup, /<img/);
  assert.match(markup, /transaction-text="&lt;img src=x onerror=alert\(1\)&gt; &quot;quoted&quot;"/);
});
