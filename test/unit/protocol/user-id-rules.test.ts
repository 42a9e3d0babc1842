// The rules for a user ID chosen at enrolment (protocol/user-id-rules.ts), which the element and the broker share.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { chosenUserIdProblem, holdsCpr, USER_ID_CHOICE, userIdProblem } from '../../../protocol/rules.js';

const MAJA = { name: 'Maja Holm-Andersen', emails: ['maja.h@eksempel.dk', 'MHA1980@post.example'] };

describe('a chosen user ID', () => {
  it('holds no CPR number, in any shape it is written', () => {
    for (const value of [
      '010190-1234',
      '0101901234',
      '010190 1234',
      '01.01.90-1234',
      '01 01 90 1234',
      '01-01-90-1234',
      '01011990-1234',
      'maja0101901234',
      'maja_010190-1234x',
      '610190-1234', // a substitute number: the day plus 60
      '311299-9999',
    ]) {
      assert.equal(holdsCpr(value), true, value);
      assert.equal(chosenUserIdProblem(value), 'cpr', value);
    }
    // Ten digits that cannot start with a day and a month are no CPR number (they are refused as all digits).
    assert.equal(holdsCpr('4513345678'), false);
    assert.equal(chosenUserIdProblem('4513345678'), 'all-digits');
    assert.equal(holdsCpr('sol+4520304050'), false, 'a phone number in it is not a CPR number');
  });

  it('is long enough, not only digits, and of the allowed characters', () => {
    assert.equal(chosenUserIdProblem(''), 'empty');
    assert.equal(chosenUserIdProblem('   '), 'empty');
    assert.equal(chosenUserIdProblem('x'.repeat(65)), 'too-long');
    assert.equal(chosenUserIdProblem('sol<3'), 'invalid-characters');
    assert.equal(chosenUserIdProblem('sol og hav'), 'invalid-characters');
    assert.equal(chosenUserIdProblem('havø5'), 'too-short');
    assert.equal(chosenUserIdProblem('havø55'), null);
    assert.equal(USER_ID_CHOICE.minLength, 6);
    assert.equal(chosenUserIdProblem('20301234'), 'all-digits');
    assert.equal(chosenUserIdProblem('٣٤٥٦٧٨٩'), 'all-digits', 'digits of any script');
  });

  it("is not the person's name or a part of it, run together or with digits after it", () => {
    for (const value of [
      'Andersen',
      'holm-andersen',
      'majaholm',
      'Maja.Holm.Andersen',
      'holmandersen',
      'andersen1987',
      'MAJA_HOLM',
    ]) {
      assert.equal(chosenUserIdProblem(value, MAJA), 'name', value);
    }
    assert.equal(chosenUserIdProblem('majaandersen', MAJA), 'name', 'first and last name without the middle');
    assert.equal(chosenUserIdProblem('maja.loeber', MAJA), null, 'a name with other words is fine');
    assert.equal(chosenUserIdProblem('Andersen', {}), null, 'without a name, nothing to compare');
  });

  it('is not an e-mail address of the person, or its part before the @', () => {
    for (const value of ['maja.h@eksempel.dk', 'Maja.H', 'mha1980', 'MHA1980@post.example', 'maja-h22']) {
      assert.equal(chosenUserIdProblem(value, MAJA), 'email', value);
    }
    assert.equal(chosenUserIdProblem('maja.h@andet.dk', { emails: [] }), null);
  });

  it('is not a common choice, with or without digits after it, nor one character repeated', () => {
    for (const value of [
      'mitid2026',
      'Password1',
      'qwerty',
      'Kodeord123',
      'bruger2',
      'netbank',
      'aaaaaa',
      'xxxxxxxx9',
    ]) {
      assert.equal(chosenUserIdProblem(value), 'common', value);
    }
    assert.equal(chosenUserIdProblem('mitid.sol.hav'), null, 'a common word inside a longer one is fine');
  });

  it('passes for user IDs that are hard to guess and easy to remember', () => {
    for (const value of ['sol.og.hav77', 'Havørn-2026', 'grøn+tekande', 'mark.og.mose', 'Æblekage_9']) {
      assert.equal(chosenUserIdProblem(value, MAJA), null, value);
    }
  });

  it('every user ID that may be chosen can also be typed at login', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 70 }), (value) => {
        if (chosenUserIdProblem(value, MAJA) === null) assert.equal(userIdProblem(value), null, value);
      }),
      { numRuns: 2000 },
    );
  });
});
