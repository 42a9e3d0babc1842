// The element's language (src/controllers/localize-controller.ts) with Danish in two parts: the whole catalogue is
// there once the later steps complete it, and a switch to a language that is still loading keeps the one shown
// before, whole, even if it was shown while only its first part was here (the demo's language switch hit this).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ReactiveControllerHost } from 'lit';
import { LocalizeController } from '../../../../src/controllers/localize-controller.js';
import { completeLocale, loadLocale, translationFor } from '../../../../src/i18n/index.js';
import { daFirst } from '../../../../src/i18n/parts/da-first.js';
import { daLater } from '../../../../src/i18n/parts/da-later.js';
import { en } from '../../../../src/i18n/locales/en.js';

/** No DOM here: the controller then reads the element's own `lang` alone (as under Lit SSR). */
function host(lang: string) {
  let updates = 0;
  const element = { lang, parentElement: null, requestUpdate: () => (updates += 1) };
  return { element, host: element as unknown as ReactiveControllerHost & HTMLElement, updates: () => updates };
}

describe('LocalizeController with Danish in two parts', () => {
  it('shows the first part at once, whole once completed; a switch to a loading language keeps Danish, whole', async () => {
    const { element, host: h, updates } = host('da');
    const localize = new LocalizeController(h);
    assert.equal(localize.translation, daFirst);
    assert.equal(localize.whole, undefined, 'only the first part is here');

    // The later steps arrive and complete Danish; nothing reads the whole catalogue before the switch.
    completeLocale('da', daLater);
    const da = translationFor('da');
    assert.ok(da);

    element.lang = 'en';
    assert.equal(translationFor('en'), null, 'English is not loaded yet');
    assert.equal(localize.translation, daFirst, 'the old language goes on while the new one loads');
    assert.equal(localize.whole, da, 'and it is whole: the later steps can be drawn in it');

    localize.load();
    await loadLocale('en');
    await Promise.resolve();
    assert.ok(updates() >= 1, 'asked to render again');
    assert.equal(localize.translation, en);
    assert.equal(localize.whole, en);
  });
});
