/**
 * The Angular 21 example (examples/angular), built offline with the Angular CLI (`ng build --configuration
 * offline`) and driven in Chromium: every heading the driver waits for is rendered from a `mitid-*` event Angular
 * received through its own `(mitid-…)` binding.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { newContext, watch } from '../e2e/support/browser.js';
import { useExample } from './support/example-app.js';
import { loginAndApprove, refusedLogin } from './support/bank-flow.js';

describe('Angular 21 example (Angular CLI)', () => {
  const example = useExample('angular', 'dist-offline/browser');

  it('logs in and approves the transfer through Angular bindings', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await loginAndApprove(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });

  it('a refused login: Angular logs mitid-error and binds a fresh nonce', async () => {
    const page = await (await newContext(example.browser)).newPage();
    const problems = await watch(page);
    await refusedLogin(page, example.origin);
    assert.deepEqual(await problems.list(), []);
  });
});
