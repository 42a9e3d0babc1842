// A login and an approval end differently: a login's error says "you are not logged in", an approval's "nothing
// was approved"; codes without a login text, and unknown codes, read the same in both.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { da } from '../../../../src/i18n/locales/da.js';
import { en } from '../../../../src/i18n/locales/en.js';
import { errorMessage } from '../../../../src/steps/messages.js';
import type { FlowErrorCode } from '../../../../src/flow/machine.js';

describe('error messages by mode', () => {
  it('an expired login says so, an expired approval says nothing was approved', () => {
    assert.equal(errorMessage(da, { code: 'expired', mode: 'login' }), 'Tiden løb ud, før du loggede på.');
    assert.equal(
      errorMessage(da, { code: 'expired', mode: 'approve' }),
      'Tiden løb ud, før du godkendte. Intet er godkendt.',
    );
    assert.equal(errorMessage(en, { code: 'rejected', mode: 'login' }), en.loginErrors.rejected);
    assert.doesNotMatch(errorMessage(en, { code: 'rejected', mode: 'login' }), /approved/);
  });

  it('a code without a login text, or an unknown one, reads the same in both modes', () => {
    for (const mode of ['login', 'approve'] as const) {
      assert.equal(errorMessage(da, { code: 'rate_limited', mode }), da.errors.rate_limited);
    }
    const unknown = 'brand_new_code' as FlowErrorCode;
    assert.equal(errorMessage(da, { code: unknown, mode: 'login' }), da.loginErrors.internal);
    assert.equal(errorMessage(da, { code: unknown, mode: 'approve' }), da.errors.internal);
  });
});
