import '../support/lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { registerLocale } from '../../src/i18n/index.js';
import { da } from '../../src/i18n/locales/da.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { takeWarnings } from '../support/lit-warnings.js';
import { LitElement } from 'lit';

// The catalogues themselves and the choice of one are tested without a browser: test/unit/src/i18n/.
describe('messages', () => {
  it('registerLocale adds a language the element follows', async () => {
    registerLocale('kl', {
      ...da,
      $code: 'kl',
      $name: 'Kalaallisut',
      heading: { login: 'Iserit MitID-mik', approve: '…' },
    });
    const el = await fixture<MitidLogin>(html`<mitid-login lang="kl"></mitid-login>`);
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.equal('Iserit MitID-mik');
  });
});

describe('Lit dev-mode warnings', () => {
  it('are caught (and would fail the test they happen in)', async () => {
    class Noisy extends LitElement {
      override updated() {
        // Scheduling an update from updated() is what Lit's dev build warns about ("change-in-update").
        if (!this.hasAttribute('done')) {
          this.setAttribute('done', '');
          this.requestUpdate();
        }
      }
    }
    customElements.define('noisy-element', Noisy);
    // Lit warns synchronously, in the update that fixture() awaits; then the update it scheduled runs.
    const noisy = await fixture<Noisy>(html`<noisy-element></noisy-element>`);
    await noisy.updateComplete;
    const caught = takeWarnings();
    expect(caught.join('\n')).to.contain('change-in-update');
  });
});
