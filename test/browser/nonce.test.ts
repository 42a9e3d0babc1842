import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { NONCE_PATTERN, nonceProblem } from '../../protocol/rules.js';
import { mount } from '../support/element.js';

describe('the nonce, checked before any network call', () => {
  it('nonceProblem(): length 16–128 and only [A-Za-z0-9._~+/=-]', () => {
    expect(nonceProblem('')).to.equal('empty');
    expect(nonceProblem('a'.repeat(15))).to.equal('too-short');
    expect(nonceProblem('a'.repeat(16))).to.equal(null);
    expect(nonceProblem('a'.repeat(128))).to.equal(null);
    expect(nonceProblem('a'.repeat(129))).to.equal('too-long');
    expect(nonceProblem('AZaz09._~+/=-AZaz09')).to.equal(null);
    expect(nonceProblem('K7gNU3sdo-OL0wNhqoVWhr3g6s1xYv72ol_pe_Unols')).to.equal(null);
    for (const bad of [
      'nonce with spaces!',
      'nonce"<script>xxxxx',
      'nonceæøånonceæøå',
      'nonce\n0123456789ab',
      'nonce%2F0123456789',
    ]) {
      expect(nonceProblem(bad), JSON.stringify(bad)).to.equal('invalid-characters');
    }
    expect(NONCE_PATTERN.test('abc')).to.equal(true);
  });

  for (const [why, nonce] of [
    ['too short', 'short-nonce'],
    ['too long', 'n'.repeat(129)],
    ['with a space and markup', 'nonce <b>0123456789</b>'],
  ]) {
    it(`a nonce ${why} ends in missing_config with no call to the broker`, async () => {
      const { el, transport, events, user } = await mount();
      el.nonce = nonce!;
      await user.submitUserId('anna');
      expect(el.step).to.equal('error');
      expect(transport.calls).to.deep.equal([]);
      const error = events.find((event) => event.type === 'mitid-error') as Event & { detail: { code: string } };
      expect(error.detail.code).to.equal('missing_config');
    });
  }
});
