/**
 * The React 19 example (examples/react), built offline with its own tooling (tsc + Vite), in Chromium: React sets
 * the element's properties and listens to its `mitid-*` events through `onmitid-*` props.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, watch } from '../e2e/support/browser.js';
import { loginAndApprove, refusedLogin } from './support/bank-flow.js';
import { useExample } from './support/example-app.js';

describe('React 19 example (Vite, tsc)', () => {
  const example = useExample('react', 'dist-offline');

  it('logs in and approves the transfer through React props and onmitid-* listeners', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await loginAndApprove(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });

  it('a refused login: React logs mitid-error and gives the same element a fresh nonce', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await refusedLogin(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });
});
