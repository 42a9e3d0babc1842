// Which catalogue a `lang` gets (src/i18n/index.ts): the exact tag, then the primary language, then Danish; the
// English one is loaded on demand.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadLocale, translationFor } from '../../../../src/i18n/index.js';
import { da } from '../../../../src/i18n/locales/da.js';
import { en } from '../../../../src/i18n/locales/en.js';

describe('messages', () => {
  it('picks the exact tag, then the primary language, then Danish; English is loaded on demand', async () => {
    await loadLocale('en-GB');
    assert.equal(translationFor('en-GB'), en);
    assert.equal(translationFor('DA-dk'), da);
    assert.equal(translationFor('fr'), da);
    assert.equal(translationFor(''), da);
  });
});
