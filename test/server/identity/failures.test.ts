/**
 * Wrong tries count per user ID over every session (PSD2 RTS art. 4: at most 5 in a row), not per session: a
 * restart gives no fresh tries. The warning and the block agree; a block grows (15 min, 1 h, 24 h, then support);
 * a success resets the count; unknown user IDs are counted and blocked exactly alike; a code used a moment ago
 * costs nothing; and no path confirms a right password before the second factor is right.
 */
import { after, afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { ErrorBody, SessionStatusEvent } from '../../../protocol/page-api.js';
import { SoftwareAuthenticator } from '../support/authenticator.js';
import { identity, loginByCode, BANK_ORIGIN, startBroker, type TestBroker } from '../support/broker.js';
import { newLetter } from '../support/identity.js';

const MINUTE = 60_000;

async function codeSession(broker: TestBroker, userId: string, method: 'code-display' | 'chip' = 'code-display') {
  const session = await broker.createSession({ user_id: userId });
  const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method });
  return { session, chosen };
}

/** A wrong code in a new session; the answer's error. */
async function wrongCode(broker: TestBroker, userId: string): Promise<{ status: number; error: ErrorBody['error'] }> {
  const { session, chosen } = await codeSession(broker, userId);
  if (chosen.statusCode !== 200) return { status: chosen.statusCode, error: chosen.json<ErrorBody>().error };
  const answer = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' });
  return { status: answer.statusCode, error: answer.json<ErrorBody>().error };
}

describe('wrong tries per user ID, over every session', () => {
  let broker: TestBroker;
  beforeEach(async () => {
    broker = await startBroker();
  });
  afterEach(() => broker.close());

  it('60 sessions get 5 wrong codes, not 180: then the code display is blocked for 15 minutes', async () => {
    const answers = [];
    for (let round = 0; round < 60; round += 1) answers.push(await wrongCode(broker, 'bo.kodeviser'));
    assert.deepEqual(
      answers.slice(0, 4).map(({ status, error }) => [status, error.code, error.attempts_left, error.block_seconds]),
      [
        [400, 'wrong_code', 4, 900],
        [400, 'wrong_code', 3, 900],
        [400, 'wrong_code', 2, 900],
        [400, 'wrong_code', 1, 900],
      ],
    );
    const fifth = answers[4];
    assert.equal(fifth?.status, 423);
    assert.equal(fifth?.error.code, 'factor_blocked');
    assert.equal(
      Date.parse(fifth?.error.blocked_until ?? ''),
      broker.clock.now() + 15 * MINUTE,
      'the warning said 900 s',
    );
    for (const later of answers.slice(5)) {
      assert.equal(later.error.code, 'factor_blocked', 'refused when the method is chosen; nothing is checked');
    }
  });

  it('the session that reaches the limit fails with blocked; the app still works meanwhile', async () => {
    for (let round = 0; round < 4; round += 1) await wrongCode(broker, 'eva.flere');
    const { session } = await codeSession(broker, 'eva.flere');
    await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code: '000000' });
    const status = await broker.status(session.id, session.token);
    assert.equal(status.status, 'failed');
    assert.equal(status.code, 'blocked');
    assert.ok(status.blocked_until);
    const app = await broker.createSession({ user_id: 'eva.flere' });
    const chosen = await broker.call('POST', `/v1/sessions/${app.id}/method`, app.token, { method: 'app' });
    assert.equal(chosen.statusCode, 200, 'the app is not blocked by guessed codes');
  });

  it('codes, passwords and chip answers count together', async () => {
    const seed = identity('eva.flere');
    await wrongCode(broker, 'eva.flere'); // 4 left
    broker.clock.advance(30_000);
    const { session } = await codeSession(broker, 'eva.flere');
    const code = broker.totp(seed.totp?.['code-display'] ?? '');
    await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
    const password = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: 'nej',
    });
    assert.equal(password.json<ErrorBody>().error.attempts_left, 3);
    const chip = await codeSession(broker, 'eva.flere', 'chip');
    const key = new SoftwareAuthenticator(); // a key of its own, never enrolled at the broker
    key.create(
      {
        rp: { id: 'bank.example', name: 'x' },
        user: { id: 'eA', name: 'x', displayName: 'x' },
        challenge: 'eA',
        pubKeyCredParams: [],
      },
      BANK_ORIGIN,
    );
    const options = (
      await broker.call('POST', `/v1/sessions/${chip.session.id}/webauthn/options`, chip.session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const failed = await broker.call('POST', `/v1/sessions/${chip.session.id}/webauthn`, chip.session.token, {
      response: key.get(options, BANK_ORIGIN),
    });
    assert.equal(failed.json<ErrorBody>().error.code, 'webauthn_failed');
    assert.equal(failed.json<ErrorBody>().error.attempts_left, 2);
  });

  it('the blocks grow: 15 minutes, 1 hour, 24 hours, then until support lifts it', async () => {
    const lengths: Array<number | undefined> = [];
    for (let block = 0; block < 4; block += 1) {
      let last: { status: number; error: ErrorBody['error'] } | undefined;
      for (let round = 0; round < 5; round += 1) last = await wrongCode(broker, 'clara.lyd');
      assert.equal(last?.error.code, 'factor_blocked');
      const until = last?.error.blocked_until;
      lengths.push(until === undefined ? undefined : Date.parse(until) - broker.clock.now());
      if (until !== undefined) broker.clock.set(Date.parse(until));
    }
    assert.deepEqual(lengths, [15 * MINUTE, 60 * MINUTE, 24 * 60 * MINUTE, undefined]);
    broker.clock.advance(365 * 24 * 60 * MINUTE - 1);
    assert.equal((await wrongCode(broker, 'clara.lyd')).error.code, 'factor_blocked', 'until support');
    await broker.app.broker.failures.lift('clara.lyd');
    assert.equal((await wrongCode(broker, 'clara.lyd')).error.attempts_left, 4, 'support lifted it');
  });

  it('a completed login resets the count', async () => {
    for (let round = 0; round < 4; round += 1) await wrongCode(broker, 'bo.kodeviser');
    await loginByCode(broker, 'bo.kodeviser');
    assert.equal((await wrongCode(broker, 'bo.kodeviser')).error.attempts_left, 4);
  });

  it('an unknown user ID gets the same answers, block for block', async () => {
    const known = [];
    const unknown = [];
    for (let round = 0; round < 7; round += 1) {
      known.push(await wrongCode(broker, 'bo.kodeviser'));
      unknown.push(await wrongCode(broker, 'ingen.saadan'));
    }
    const shape = ({ status, error }: { status: number; error: ErrorBody['error'] }) => [
      status,
      error.code,
      error.attempts_left,
      error.block_seconds,
      error.blocked_until,
    ];
    assert.deepEqual(unknown.map(shape), known.map(shape));
  });

  it('a code accepted a moment ago is "used" and costs no try', async () => {
    const seed = identity('bo.kodeviser');
    const first = await codeSession(broker, 'bo.kodeviser');
    const code = broker.totp(seed.totp?.['code-display'] ?? '');
    const accepted = await broker.call('POST', `/v1/sessions/${first.session.id}/code`, first.session.token, { code });
    assert.equal(accepted.statusCode, 200);
    const second = await codeSession(broker, 'bo.kodeviser');
    const used = await broker.call('POST', `/v1/sessions/${second.session.id}/code`, second.session.token, { code });
    assert.equal(used.statusCode, 400);
    assert.equal(used.json<ErrorBody>().error.code, 'code_used');
    assert.equal(used.json<ErrorBody>().error.attempts_left, undefined);
    assert.equal((await wrongCode(broker, 'bo.kodeviser')).error.attempts_left, 4, 'no try was counted');
  });
});

describe('no path tells a right password before the second factor', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('the chip asks for the key first: a password cannot be sent before the key has answered', async () => {
    const { session, chosen } = await codeSession(broker, 'dan.chip', 'chip');
    assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.hint, 'chip-required');
    const early = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: identity('dan.chip').password,
    });
    assert.equal(early.statusCode, 409);
    assert.equal(early.json<ErrorBody>().error.code, 'wrong_step');
  });

  it('the code display asks for the password only after a right code', async () => {
    const { session } = await codeSession(broker, 'bo.kodeviser');
    const early = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: identity('bo.kodeviser').password,
    });
    assert.equal(early.json<ErrorBody>().error.code, 'wrong_step');
  });

  it('chip: the key, then the password → High; a key of another identity is a wrong try', async () => {
    const key = new SoftwareAuthenticator();
    const started = await broker.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip/options',
      headers: { origin: BANK_ORIGIN },
      payload: { user_id: 'dan.chip', activation_code: await newLetter(broker, 'dan.chip') },
    });
    const { enrolment_token, options: creation } = started.json<{
      enrolment_token: string;
      options: PublicKeyCredentialCreationOptionsJSON;
    }>();
    const response = key.create(creation, BANK_ORIGIN);
    await broker.app.inject({ method: 'POST', url: '/v1/enrol/chip', payload: { enrolment_token, response } });

    const { session } = await codeSession(broker, 'dan.chip', 'chip');
    const url = `/v1/sessions/${session.id}`;
    const options = (
      await broker.call('POST', `${url}/webauthn/options`, session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const afterKey = await broker.call('POST', `${url}/webauthn`, session.token, {
      response: key.get(options, BANK_ORIGIN),
    });
    assert.equal(afterKey.json<SessionStatusEvent>().hint, 'password-required');
    const done = await broker.call('POST', `${url}/password`, session.token, {
      password: identity('dan.chip').password,
    });
    assert.equal(done.json<SessionStatusEvent>().status, 'complete');

    const other = await codeSession(broker, 'eva.flere', 'chip');
    const otherOptions = (
      await broker.call('POST', `/v1/sessions/${other.session.id}/webauthn/options`, other.session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const refused = await broker.call('POST', `/v1/sessions/${other.session.id}/webauthn`, other.session.token, {
      response: key.get(otherOptions, BANK_ORIGIN),
    });
    assert.equal(refused.json<ErrorBody>().error.code, 'webauthn_failed');
  });
});
