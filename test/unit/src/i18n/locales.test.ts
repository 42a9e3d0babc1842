// The message catalogues (src/i18n/locales/): Danish and English have the same shape, and a message for every hint,
// method, failure and error code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { da } from '../../../../src/i18n/locales/da.js';
import { en } from '../../../../src/i18n/locales/en.js';
import { METHODS } from '../../../../protocol/page-api.js';

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
  'invalid_transaction',
  'mitid_text_too_long',
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
  'broker_busy',
  'method_change_limit',
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

/** A message is there when it is a string with something in it. */
function assertMessage(message: unknown, what: string): void {
  assert.equal(typeof message, 'string', what);
  assert.ok((message as string).length > 0, what);
}

describe('messages', () => {
  it('Danish and English have the same keys, every hint, method, failure and error code', () => {
    assert.deepEqual(shape(en), shape(da));
    for (const t of [da, en]) {
      for (const hint of HINTS) assertMessage(t.hints[hint as keyof typeof t.hints], hint);
      for (const method of METHODS) assertMessage(t.methodNames[method], method);
      for (const code of [...FAILURES, ...ERRORS, 'network', 'missing_config', 'webauthn_unsupported']) {
        assertMessage(t.errors[code as keyof typeof t.errors], code);
      }
    }
  });
});
