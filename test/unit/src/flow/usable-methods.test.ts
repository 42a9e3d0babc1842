/** The method list as the browser can use it: the chip only where there is WebAuthn (src/flow/usable-methods.ts). */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { METHODS } from '../../../../protocol/page-api.js';
import { usableMethods } from '../../../../src/flow/usable-methods.js';

describe('usable methods', () => {
  it('leaves the chip out only where the browser has no WebAuthn, keeping the broker order', () => {
    assert.deepEqual(usableMethods(METHODS, { webauthn: false }), ['app', 'code-display', 'code-reader']);
    assert.deepEqual(usableMethods(METHODS, { webauthn: true }), [...METHODS]);
    assert.deepEqual(usableMethods(METHODS, {}), [...METHODS], 'not known: as the broker offers');
    assert.deepEqual(usableMethods(['chip'], { webauthn: false }), []);
  });

  it('returns a new list (the broker answer is not changed)', () => {
    const offered = ['chip', 'app'] as const;
    const usable = usableMethods(offered, { webauthn: true });
    assert.notEqual(usable, offered);
  });
});
