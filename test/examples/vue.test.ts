/**
 * The Vue 3 example (examples/vue), built offline with Vite and vue-tsc: `<mitid-login>` gets its attributes,
 * properties and `@mitid-*` listeners from a Vue template, and the page is rendered from the events Vue received.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, watch } from '../e2e/support/browser.js';
import { useExample } from './support/example-app.js';
import { loginAndApprove, refusedLogin } from './support/bank-flow.js';

describe('Vue 3 example (Vite, vue-tsc)', () => {
  const example = useExample('vue', 'dist-offline');

  it('logs in and approves the transfer through Vue bindings', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await loginAndApprove(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });

  it('a refused login: Vue logs mitid-error and binds a fresh nonce', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await refusedLogin(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });
});
