// Reading the broker's error answers (protocol/error-body.ts), shared by <mitid-login>'s transport and
// <mitid-enrol>'s client: the code and the well-formed details, and one name for an answer without a code.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readError } from '../../../protocol/error-body.js';

describe('readError', () => {
  it('reads the code, message and details the clients act on', () => {
    const read = readError(400, {
      error: {
        code: 'wrong_code',
        message: 'The code is wrong.',
        attempts_left: 2,
        block_seconds: 900,
        blocked_until: '2026-12-04T12:00:00.000Z',
        reason: 'cpr',
      },
    });
    assert.deepEqual(read, {
      code: 'wrong_code',
      message: 'The code is wrong.',
      status: 400,
      attemptsLeft: 2,
      blockSeconds: 900,
      blockedUntil: Date.parse('2026-12-04T12:00:00.000Z'),
      reason: 'cpr',
    });
  });

  it('leaves out details of the wrong type, and a message-less error says its code', () => {
    const read = readError(409, {
      error: { code: 'user_id_taken', attempts_left: '2', blocked_until: 'soon', reason: 7 },
    });
    assert.deepEqual(read, { code: 'user_id_taken', message: 'user_id_taken', status: 409 });
  });

  it('without a code: rate_limited on 429, internal on a 5xx (a proxy’s page too), else bad_response', () => {
    assert.equal(readError(429, undefined).code, 'rate_limited');
    assert.equal(readError(502, '<html>Bad gateway</html>').code, 'internal');
    assert.equal(readError(500, { error: { code: 5 } }).code, 'internal');
    assert.equal(readError(404, null).code, 'bad_response');
    assert.equal(readError(400, { error: 'no' }).message, 'HTTP 400');
  });

  it('never throws, whatever the body', () => {
    fc.assert(
      fc.property(fc.integer({ min: 400, max: 599 }), fc.jsonValue(), (status, body) => {
        const read = readError(status, body);
        assert.equal(typeof read.code, 'string');
        assert.equal(read.status, status);
      }),
    );
  });
});
