/**
 * Hardening II, item 1: password hashing cannot be queued to deny service. Every cheap check comes before a hash;
 * a user ID has one password check under way at most (a second one meanwhile: 409 `wrong_step` in the same session,
 * 429 `rate_limited` in another, no try counted); and
 * the instance runs `passwordChecksAtOnce` checks with `passwordChecksQueued` waiting, refusing one more at once
 * with 503 `broker_busy` and `Retry-After`, no try counted. bench/passwords.ts measures a real user's check while
 * 1,000 bogus ones are offered.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { HashBudget } from '../../../server/authenticators/hash-budget.js';
import { DEFAULT_SETTINGS } from '../../../server/settings.js';
import { identity, startBroker, type TestBroker } from '../support/broker.js';

const HIGH_LIMITS = { attemptsPerAddress: 10_000, attemptsPerClient: 10_000 };
const errorOf = (response: LightMyRequestResponse) => response.json<{ error: { code: string } }>().error;

/** A session of `userId` at the password step, taken there as a right code would take it (no try counted). */
async function atPassword(broker: TestBroker, userId: string) {
  const session = await broker.createSession({ user_id: userId });
  await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
  await broker.app.broker.sessions.mutatePending(session.id, (draft) => {
    draft.codeVerified = true;
    draft.hint = 'password-required';
    return draft;
  });
  return session;
}

function tryPassword(broker: TestBroker, session: { id: string; token: string }, password: string) {
  return broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, { password });
}

/** Counts the password checks that reach scrypt, and the most under way at once. */
function watchChecks(broker: TestBroker) {
  const passwords = broker.app.broker.passwords;
  const original = passwords.verify.bind(passwords);
  const seen = { calls: 0, running: 0, mostAtOnce: 0 };
  passwords.verify = async (stored, password) => {
    seen.calls += 1;
    seen.running += 1;
    seen.mostAtOnce = Math.max(seen.mostAtOnce, seen.running);
    try {
      return await original(stored, password);
    } finally {
      seen.running -= 1;
    }
  };
  return seen;
}

describe('hardening II: password checks are bounded', () => {
  it('the documented numbers: 2 checks at once, 8 waiting', () => {
    assert.equal(DEFAULT_SETTINGS.passwordChecksAtOnce, 2);
    assert.equal(DEFAULT_SETTINGS.passwordChecksQueued, 8);
  });

  it('100 wrong passwords at once for one user ID, over two sessions: one check at a time, the rest refused at once, no try counted', async () => {
    // A limit no run reaches, so that blocking never answers before the rule under test does.
    const failureLimit = 1000;
    const broker = await startBroker({ rateLimits: HIGH_LIMITS, settings: { failureLimit } });
    const sessions = [await atPassword(broker, 'bo.kodeviser'), await atPassword(broker, 'bo.kodeviser')];
    const seen = watchChecks(broker);
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) => tryPassword(broker, sessions[index % 2]!, 'wrong')),
    );
    assert.equal(seen.mostAtOnce, 1, 'never two checks of one user ID at once');
    const byCode = (code: string) => answers.filter((response) => errorOf(response).code === code);
    const hashed = byCode('wrong_password');
    // In the session being checked, a second password is out of step; in the other, it waits its turn.
    const outOfStep = byCode('wrong_step');
    const waitTurn = byCode('rate_limited');
    assert.equal(hashed.length + outOfStep.length + waitTurn.length, 100, 'every try answered one of the three');
    assert.equal(hashed.length, seen.calls, 'each check that ran answered wrong_password');
    assert.ok(hashed.length < 100 && hashed.length >= 1, `${hashed.length} checked`);
    assert.ok(outOfStep.length > 0 && waitTurn.length > 0);
    for (const response of outOfStep) assert.equal(response.statusCode, 409);
    for (const response of waitTurn) {
      assert.equal(response.statusCode, 429);
      assert.equal(response.headers['retry-after'], '1');
    }
    const standing = await broker.app.broker.failures.standing('bo.kodeviser');
    assert.equal(
      standing.blocked ? 'blocked' : standing.attemptsLeft,
      failureLimit - hashed.length,
      'only checked count',
    );
    await broker.close();
  });

  it('over the budget (1 at once, 2 waiting), a check is refused at once with 503 broker_busy and costs no try', async () => {
    const broker = await startBroker({
      rateLimits: HIGH_LIMITS,
      settings: { passwordChecksAtOnce: 1, passwordChecksQueued: 2 },
    });
    const budget = broker.app.broker.passwords.budget;
    const users = ['bo.kodeviser', 'eva.flere', 'clara.lyd', 'dan.chip', 'anna.app'];
    const sessions = await Promise.all(users.map((userId) => atPassword(broker, userId)));
    // The one slot is taken by a check of the test's until `release`; tries reach the budget when `run` is called.
    let release = () => {};
    const holding = budget.run(() => new Promise<void>((resolve) => (release = resolve)));
    const original = budget.run.bind(budget);
    let arrived = 0;
    let allArrived = () => {};
    const reached = new Promise<void>((resolve) => (allArrived = resolve));
    budget.run = (work, priority) => {
      const running = original(work, priority);
      arrived += 1;
      if (arrived === users.length) allArrived();
      return running;
    };
    const answers = sessions.map((session) => tryPassword(broker, session, 'wrong'));
    await reached;
    assert.deepEqual(budget.load, { running: 1, waiting: 2 });
    release();
    await holding;
    const settled = await Promise.all(answers);
    const codes = settled.map((response) => `${response.statusCode} ${errorOf(response).code}`).sort();
    assert.deepEqual(codes, [
      '400 wrong_password',
      '400 wrong_password',
      '503 broker_busy',
      '503 broker_busy',
      '503 broker_busy',
    ]);
    for (const [index, response] of settled.entries()) {
      const session = sessions[index];
      assert.ok(session);
      const status = await broker.status(session.id, session.token);
      if (response.statusCode === 503) {
        assert.equal(response.headers['retry-after'], '1');
        assert.equal(status.attempts_left, DEFAULT_SETTINGS.failureLimit, 'a busy answer costs no try');
        assert.equal(status.hint, 'password-required', 'and the session waits for the password still');
      }
    }
    assert.deepEqual(budget.load, { running: 0, waiting: 0 }, 'every slot is given back');
    // A right password now goes through.
    const bo = identity('bo.kodeviser');
    const retry = await atPassword(broker, bo.userId);
    const done = await tryPassword(broker, retry, bo.password);
    assert.equal(done.statusCode, 200, done.body);
    await broker.close();
  });

  it('a user ID that has not failed takes the place of one that has, when the queue is full', async () => {
    const budget = new HashBudget({ concurrent: 1, queued: 2 });
    const order: string[] = [];
    let release = () => {};
    const holding = budget.run(() => new Promise<void>((resolve) => (release = resolve)));
    const check = (name: string, attemptsLeft: number) =>
      budget
        .run(async () => void order.push(name), attemptsLeft)
        .then(
          () => 'checked',
          (error: { code?: string }) => error.code,
        );
    const attackerA = check('attacker A', 3);
    const attackerB = check('attacker B', 4);
    const user = check('user', 5);
    const another = check('attacker C', 2);
    assert.equal(await attackerA, 'broker_busy', 'the lowest waiting gives way to the user');
    assert.equal(await another, 'broker_busy', 'a full queue of higher priorities refuses a lower one');
    release();
    await holding;
    assert.deepEqual([await user, await attackerB], ['checked', 'checked']);
    assert.deepEqual(order, ['user', 'attacker B'], 'the user goes first');
  });

  it('nothing is hashed for a wrong token, a session not at the password step, or a blocked user ID', async () => {
    const broker = await startBroker({ rateLimits: HIGH_LIMITS, settings: { failureLimit: 1 } });
    const seen = watchChecks(broker);
    const session = await atPassword(broker, 'bo.kodeviser');
    const notYet = await broker.createSession({ user_id: 'eva.flere' });
    await broker.call('POST', `/v1/sessions/${notYet.id}/method`, notYet.token, { method: 'code-display' });
    assert.equal(
      errorOf(await tryPassword(broker, { id: session.id, token: 'x'.repeat(43) }, 'p')).code,
      'invalid_token',
    );
    assert.equal(errorOf(await tryPassword(broker, notYet, 'p')).code, 'wrong_step');
    assert.equal(seen.calls, 0);
    assert.equal(errorOf(await tryPassword(broker, session, 'wrong')).code, 'factor_blocked');
    const again = await atPassword(broker, 'bo.kodeviser');
    assert.equal(errorOf(await tryPassword(broker, again, 'wrong')).code, 'factor_blocked');
    assert.equal(seen.calls, 1, 'the blocked user ID’s next try is refused unchecked');
    await broker.close();
  });
});
