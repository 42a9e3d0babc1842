import '../support/lit-warnings.js';
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/define.js';
import { loadLocale, registerLocale, translationFor } from '../../src/i18n/index.js';
import { da } from '../../src/i18n/locales/da.js';
import { en } from '../../src/i18n/locales/en.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { METHODS } from '../../protocol/page-api.js';
import { takeWarnings } from '../support/lit-warnings.js';
import { LitElement } from 'lit';

const HINTS = [
  'method-required',
  'outstanding',
  'qr-scanned',
  'user-signing',
  'code-required',
  'password-required',
  'chip-required',
];
const FAILURES = ['rejected', 'expired', 'cancelled', 'locked', 'parallel-session', 'internal'];
const ERRORS = [
  'invalid_json',
  'invalid_request',
  'body_too_large',
  'unsupported_media_type',
  'not_found',
  'unknown_client',
  'origin_not_allowed',
  'invalid_user_id',
  'cpr_user_id',
  'invalid_transaction_text',
  'session_not_found',
  'invalid_token',
  'session_finished',
  'wrong_step',
  'method_unavailable',
  'wrong_code',
  'wrong_password',
  'locked',
  'extend_limit',
  'rate_limited',
  'qr_invalid',
  'qr_expired',
  'invalid_signature',
  'invalid_device',
  'webauthn_failed',
  'store_unavailable',
  'internal',
];

function shape(value: unknown): unknown {
  if (typeof value === 'function') return 'function';
  if (typeof value !== 'object' || value === null) return typeof value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((key) => [key, shape((value as Record<string, unknown>)[key])]),
  );
}

describe('messages', () => {
  it('Danish and English have the same keys, every hint, method, failure and error code', () => {
    expect(shape(en)).to.deep.equal(shape(da));
    for (const t of [da, en]) {
      for (const hint of HINTS)
        expect(t.hints[hint as keyof typeof t.hints], hint)
          .to.be.a('string')
          .with.length.above(0);
      for (const method of METHODS) expect(t.methodNames[method]).to.be.a('string').with.length.above(0);
      for (const code of [...FAILURES, ...ERRORS, 'network', 'missing_config', 'webauthn_unsupported']) {
        expect(t.errors[code as keyof typeof t.errors], code)
          .to.be.a('string')
          .with.length.above(0);
      }
    }
  });

  it('picks the exact tag, then the primary language, then Danish; English is loaded on demand', async () => {
    await loadLocale('en-GB');
    expect(translationFor('en-GB')).to.equal(en);
    expect(translationFor('DA-dk')).to.equal(da);
    expect(translationFor('fr')).to.equal(da);
    expect(translationFor('')).to.equal(da);
  });

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
    await fixture(html`<noisy-element></noisy-element>`);
    await new Promise((resolve) => setTimeout(resolve, 10));
    const caught = takeWarnings();
    expect(caught.join('\n')).to.contain('change-in-update');
  });
});
