import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { looksLikeCpr, transactionTextProblem, userIdProblem } from '../../protocol/rules.js';

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
