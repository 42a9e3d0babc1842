// The input rules the element and the broker both apply (protocol/rules.ts), without either of them.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  looksLikeCpr,
  NONCE_PATTERN,
  nonceProblem,
  transactionTextProblem,
  userIdProblem,
} from '../../../protocol/rules.js';

describe('user ID rules', () => {
  it('refuses anything shaped like a CPR number', () => {
    for (const cpr of ['0101901234', '010190-1234', '010190 1234', ' 3112999999 ']) {
      assert.equal(looksLikeCpr(cpr), true, cpr);
      assert.equal(userIdProblem(cpr), 'cpr', cpr);
    }
  });

  it('accepts ordinary user IDs and explains the rest', () => {
    assert.equal(userIdProblem('anna.hansen'), null);
    assert.equal(userIdProblem('Søren42'), null);
    assert.equal(userIdProblem('   '), 'empty');
    assert.equal(userIdProblem('x'.repeat(65)), 'too-long');
    assert.equal(userIdProblem('<script>'), 'invalid-characters');
    assert.equal(userIdProblem('01019012345'), null, 'eleven digits are not a CPR number');
  });
});

describe('transaction text rules', () => {
  it('keeps new lines and refuses control characters', () => {
    assert.equal(transactionTextProblem('Overførsel af 2.300 kr.\ntil konto 9978 000123456'), null);
    assert.equal(transactionTextProblem('a\u0000b'), 'control-characters');
    assert.equal(transactionTextProblem('abc\u202Edef'), 'control-characters');
    assert.equal(transactionTextProblem(' \n '), 'empty');
    assert.equal(transactionTextProblem('æ'.repeat(500)), null);
    assert.equal(transactionTextProblem('æ'.repeat(501)), 'too-long');
  });
});

describe('nonce rules', () => {
  it('nonceProblem(): length 16–128 and only [A-Za-z0-9._~+/=-]', () => {
    assert.equal(nonceProblem(''), 'empty');
    assert.equal(nonceProblem('a'.repeat(15)), 'too-short');
    assert.equal(nonceProblem('a'.repeat(16)), null);
    assert.equal(nonceProblem('a'.repeat(128)), null);
    assert.equal(nonceProblem('a'.repeat(129)), 'too-long');
    assert.equal(nonceProblem('AZaz09._~+/=-AZaz09'), null);
    assert.equal(nonceProblem('K7gNU3sdo-OL0wNhqoVWhr3g6s1xYv72ol_pe_Unols'), null);
    for (const bad of [
      'nonce with spaces!',
      'nonce"<script>xxxxx',
      'nonceæøånonceæøå',
      'nonce\n0123456789ab',
      'nonce%2F0123456789',
    ]) {
      assert.equal(nonceProblem(bad), 'invalid-characters', JSON.stringify(bad));
    }
    assert.equal(NONCE_PATTERN.test('abc'), true);
  });
});
