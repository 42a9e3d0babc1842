/**
 * The stories keep up with the element: every error code the element can show has a story in Danish and in
 * English, and every step has stories. Read from the built site's index.json and the element's own catalogue.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { en } from '../../src/i18n/locales/en.js';
import { STEP_NUMBERS } from '../../src/enrol/steps.js';

const indexFile = new URL('../../storybook-static/index.json', import.meta.url);

// Shown elsewhere than the error step: in the user-ID field (Steps/1), as the chip's own problem (Steps/4), or
// never (the element aborted the call itself).
const NOT_ON_THE_ERROR_STEP: Record<string, string> = {
  cpr_user_id: 'steps-1-user-id--cpr-refused',
  invalid_user_id: 'steps-1-user-id--invalid',
  webauthn_unsupported: 'steps-4-chip--no-web-authn',
  webauthn_cancelled: 'steps-4-chip--key-cancelled',
  code_used: 'steps-3-code-and-password--code-used',
  // The element reports a blocked user ID as the session failure `blocked`, however it learns it.
  factor_blocked: 'results--failed-blocked',
  aborted: '',
};

// Session failures (FailureCode) have `failed-…` stories; every other code an `error-…` one.
const FAILURES = new Set([
  'rejected',
  'expired',
  'cancelled',
  'locked',
  'blocked',
  'parallel-session',
  'superseded',
  'internal',
]);

function storyIds(): Set<string> {
  if (!existsSync(indexFile)) throw new Error('storybook-static/index.json is missing: run `npm run build-storybook`.');
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { entries: Record<string, { type: string }> };
  return new Set(Object.keys(index.entries).filter((id) => index.entries[id]!.type === 'story'));
}

function kebab(code: string): string {
  return code.replace(/_/g, '-');
}

describe('Story coverage', () => {
  const ids = storyIds();

  for (const code of Object.keys(en.errors)) {
    it(`error code ${code} has a story in Danish and in English`, () => {
      const elsewhere = NOT_ON_THE_ERROR_STEP[code];
      if (elsewhere === '') return;
      const base = elsewhere ?? `results--${FAILURES.has(code) ? 'failed' : 'error'}-${kebab(code)}`;
      for (const lang of ['da', 'en']) assert.ok(ids.has(`${base}-${lang}`), `no story ${base}-${lang}`);
    });
  }
});

// `<mitid-enrol>`: every step it can show, as `mitid-enrol--<story>-<lang>` (loading is passed in a blink).
const ENROL_STEP_STORIES: Record<string, string[]> = {
  terms: ['terms', 'terms-missing'],
  method: ['method'],
  contact: ['contact', 'contact-invalid', 'offline'],
  'user-id': ['user-id', 'user-id-cpr', 'user-id-name', 'user-id-taken'],
  get: ['get-app', 'order-device', 'device-ordered', 'get-chip'],
  activate: [
    'activate-app',
    'activate-device',
    'activate-code-reader',
    'wrong-code',
    'activate-chip',
    'chip-cancelled',
  ],
  done: ['done'],
  error: ['expired'],
};

describe('Story coverage of <mitid-enrol>', () => {
  const ids = storyIds();
  it('the list names every numbered step, and the two ends', () => {
    for (const step of [...Object.keys(STEP_NUMBERS), 'done', 'error']) assert.ok(ENROL_STEP_STORIES[step], step);
  });
  for (const [step, stories] of Object.entries(ENROL_STEP_STORIES)) {
    it(`step ${step} has its stories in Danish and in English`, () => {
      for (const story of stories) {
        for (const lang of ['da', 'en']) {
          assert.ok(ids.has(`mitid-enrol--${story}-${lang}`), `no story mitid-enrol--${story}-${lang}`);
        }
      }
    });
  }
});
