import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { mount } from '../support/element.js';

// nonceProblem() itself is tested without a browser: test/unit/protocol/rules.test.ts.
describe('the nonce, checked before any network call', () => {
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
