// Which catalogue a `lang` gets (src/i18n/index.ts): the exact tag, then the primary language, then Danish; the
// English one is loaded on demand; Danish is in two parts, whole once the later steps hand over the second.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  completeLocale,
  fallBackToDefault,
  loadLocale,
  registerLocale,
  firstStepTranslationFor,
  translationFor,
} from '../../../../src/i18n/index.js';
import { da } from '../../../../src/i18n/locales/da.js';
import { daFirst } from '../../../../src/i18n/parts/da-first.js';
import { daLater } from '../../../../src/i18n/parts/da-later.js';
import { en } from '../../../../src/i18n/locales/en.js';

describe('messages', () => {
  // In this order: the registry is one per module, as in a page.
  it('Danish is its first part alone until the later steps complete it; then whole, and equal to locales/da', () => {
    assert.equal(firstStepTranslationFor('da'), daFirst);
    assert.equal(translationFor('da'), null, 'not whole before the later steps');
    completeLocale('da', daLater);
    const whole = translationFor('DA-dk');
    assert.ok(whole);
    assert.equal(firstStepTranslationFor('da'), whole, 'the first step now reads the whole one');
    assert.deepEqual(Object.keys(whole).sort(), Object.keys(da).sort());
    for (const key of Object.keys(da) as (keyof typeof da)[]) {
      if (typeof da[key] !== 'function') assert.deepEqual(whole[key], da[key], key);
    }
    completeLocale('da', { ...daLater, cancelledNotice: 'x' } as typeof daLater);
    assert.equal(translationFor('da'), whole, 'completed once');
  });

  it('picks the exact tag, then the primary language, then Danish; English is loaded on demand', async () => {
    assert.equal(firstStepTranslationFor('en'), null, 'English is loading, not there');
    await loadLocale('en-GB');
    assert.equal(firstStepTranslationFor('en-GB'), en);
    assert.equal(translationFor('en-GB'), en, 'English comes whole');
    assert.equal(firstStepTranslationFor('fr'), firstStepTranslationFor('da'));
    assert.equal(firstStepTranslationFor(''), firstStepTranslationFor('da'));
  });

  it('a registered language is whole at once; a shipped one that failed to load speaks Danish', () => {
    registerLocale('KL', { ...da, $code: 'kl', $name: 'Kalaallisut' });
    assert.equal(translationFor('kl')?.$name, 'Kalaallisut');
    fallBackToDefault('en-AU');
    assert.equal(firstStepTranslationFor('en-AU'), firstStepTranslationFor('da'));
    assert.equal(firstStepTranslationFor('en'), en, 'only the tag that failed');
  });

  it('the two parts of Danish share no key but `errors`, and say the network error once', () => {
    const first = new Set(Object.keys(daFirst));
    const shared = Object.keys(daLater).filter((key) => first.has(key));
    assert.deepEqual(shared, ['errors']);
    assert.deepEqual(Object.keys(daFirst.errors), ['network']);
    assert.equal(daLater.errors.network, daFirst.errors.network);
    assert.deepEqual(Object.keys(da).sort(), Object.keys(en).sort(), 'the same keys as a whole language');
  });
});
