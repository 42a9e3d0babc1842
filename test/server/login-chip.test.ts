import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { ACR, type SessionStatusEvent } from '../../protocol/page-api.js';
import { BANK_ORIGIN, identity, PUBLIC_URL, startBroker, type TestBroker } from './support/broker.js';
import { SoftwareAuthenticator } from './support/authenticator.js';
import { newLetter } from './support/identity.js';

/** Enrols a key with a fresh letter, as the demo's /chip/ page does. */
async function enrol(broker: TestBroker, authenticator: SoftwareAuthenticator, userId: string, origin = PUBLIC_URL) {
  const started = await broker.app.inject({
    method: 'POST',
    url: '/v1/enrol/chip/options',
    headers: { origin },
    payload: { user_id: userId, activation_code: await newLetter(broker, userId) },
  });
  assert.equal(started.statusCode, 200, started.body);
  const { enrolment_token, options } = started.json<{
    enrolment_token: string;
    options: PublicKeyCredentialCreationOptionsJSON;
  }>();
  const response = authenticator.create(options, origin);
  return broker.app.inject({ method: 'POST', url: '/v1/enrol/chip', payload: { enrolment_token, response } });
}

async function chipSession(broker: TestBroker, userId: string, origin = BANK_ORIGIN) {
  const session = await broker.createSession({ user_id: userId }, origin);
  const url = `/v1/sessions/${session.id}`;
  const chosen = await broker.call('POST', `${url}/method`, session.token, { method: 'chip' });
  assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.hint, 'chip-required');
  return { session, url };
}

async function optionsOf(broker: TestBroker, url: string, token: string) {
  return (await broker.call('POST', `${url}/webauthn/options`, token)).json<PublicKeyCredentialRequestOptionsJSON>();
}

describe('login by chip (WebAuthn security key)', () => {
  let broker: TestBroker;
  const key = new SoftwareAuthenticator();
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('enrols a key with the letter; the enrolment token works once', async () => {
    const enrolled = await enrol(broker, key, 'dan.chip');
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    assert.ok(enrolled.json<{ credential_id: string }>().credential_id);
  });

  it('the key, with options that reveal nothing about the user, then the password → High assertion', async () => {
    const seed = identity('dan.chip');
    const { session, url } = await chipSession(broker, 'dan.chip');
    const early = await broker.call('POST', `${url}/password`, session.token, { password: seed.password });
    assert.equal(early.json().error.code, 'wrong_step', 'the key first');
    const options = await optionsOf(broker, url, session.token);
    assert.deepEqual(options.allowCredentials ?? [], []);
    assert.equal(options.rpId, 'bank.example');
    const response = key.get({ ...options, rpId: 'localhost' }, PUBLIC_URL);
    // A key enrolled for localhost does not sign for bank.example: refused.
    const wrongRp = await broker.call('POST', `${url}/webauthn`, session.token, { response });
    assert.equal(wrongRp.json().error.code, 'webauthn_failed');
    assert.equal(wrongRp.json().error.attempts_left, 4);

    // Logged in from the broker's own origin (the demo), the key works, then the password finishes.
    const own = await chipSession(broker, 'dan.chip', PUBLIC_URL);
    const ownOptions = await optionsOf(broker, own.url, own.session.token);
    assert.equal(ownOptions.rpId, 'localhost');
    const afterKey = await broker.call('POST', `${own.url}/webauthn`, own.session.token, {
      response: key.get(ownOptions, PUBLIC_URL),
    });
    assert.equal(afterKey.statusCode, 200, afterKey.body);
    assert.equal(afterKey.json<SessionStatusEvent>().hint, 'password-required');
    const changed = await broker.call('POST', `${own.url}/method`, own.session.token, { method: 'app' });
    assert.equal(changed.json().error.code, 'wrong_step', 'once the key has answered, the method is settled');
    const done = await broker.call('POST', `${own.url}/password`, own.session.token, { password: seed.password });
    const status = done.json<SessionStatusEvent>();
    assert.equal(status.status, 'complete');
    const claims = decodeJwt(status.assertion ?? '');
    assert.equal(claims.acr, ACR.high);
    assert.deepEqual(claims.amr, ['hwk', 'pwd', 'mfa']);
    assert.equal(claims.origin, PUBLIC_URL);
  });

  it('a challenge is used once, and a key of another identity is refused', async () => {
    const evaKey = new SoftwareAuthenticator();
    assert.equal((await enrol(broker, evaKey, 'eva.flere')).statusCode, 201);
    const { session, url } = await chipSession(broker, 'dan.chip', PUBLIC_URL);
    const options = await optionsOf(broker, url, session.token);
    const foreign = await broker.call('POST', `${url}/webauthn`, session.token, {
      response: evaKey.get(options, PUBLIC_URL),
    });
    assert.equal(foreign.json().error.code, 'webauthn_failed');
    const reused = await broker.call('POST', `${url}/webauthn`, session.token, {
      response: key.get(options, PUBLIC_URL),
    });
    assert.equal(reused.json().error.code, 'wrong_step', 'the challenge was spent');
  });

  it('enrolment refuses a wrong code (like an unknown user), a password, and odd origins', async () => {
    const attempt = (body: Record<string, unknown>, origin = PUBLIC_URL) =>
      broker.app.inject({ method: 'POST', url: '/v1/enrol/chip/options', headers: { origin }, payload: body });
    const wrong = await attempt({ user_id: 'dan.chip', activation_code: 'ZZZZ-ZZZZ-ZZZZ' });
    const unknown = await attempt({ user_id: 'nobody.here', activation_code: 'ZZZZ-ZZZZ-ZZZZ' });
    assert.deepEqual([wrong.statusCode, wrong.json()], [unknown.statusCode, unknown.json()]);
    const dan = identity('dan.chip');
    const password = await attempt({ user_id: dan.userId, password: dan.password });
    assert.equal(password.json().error.code, 'invalid_request', 'no password opens an enrolment');
    const code = await newLetter(broker, dan.userId);
    assert.equal(
      (await attempt({ user_id: dan.userId, activation_code: code }, 'https://evil.example')).json().error.code,
      'origin_not_allowed',
    );
    const used = await broker.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip',
      payload: {
        enrolment_token: 'x'.repeat(43),
        response: new SoftwareAuthenticator().create(
          {
            challenge: 'AAAA',
            rp: { id: 'localhost', name: 'x' },
            user: { id: 'AAAA', name: 'x', displayName: 'x' },
            pubKeyCredParams: [],
          },
          PUBLIC_URL,
        ),
      },
    });
    assert.equal(used.json().error.code, 'invalid_token');
  });

  it('an unknown user ID gets the same chip steps and options, and fails like a user without the key', async () => {
    const unknown = await chipSession(broker, 'nobody.here');
    const known = await chipSession(broker, 'dan.chip');
    const [unknownOptions, knownOptions] = [
      await optionsOf(broker, unknown.url, unknown.session.token),
      await optionsOf(broker, known.url, known.session.token),
    ];
    assert.equal(knownOptions.rpId, new URL(BANK_ORIGIN).hostname);
    for (const options of [unknownOptions, knownOptions]) {
      assert.deepEqual(Object.keys(options).sort(), [
        'allowCredentials',
        'challenge',
        'rpId',
        'timeout',
        'userVerification',
      ]);
    }
    const stranger = new SoftwareAuthenticator();
    stranger.create(
      {
        challenge: 'AAAA',
        rp: { id: 'bank.example', name: 'x' },
        user: { id: 'AAAA', name: 'x', displayName: 'x' },
        pubKeyCredParams: [],
      },
      BANK_ORIGIN,
    );
    const answers = [];
    for (const { session, url } of [unknown, known]) {
      const options = await optionsOf(broker, url, session.token);
      answers.push(
        (
          await broker.call('POST', `${url}/webauthn`, session.token, { response: stranger.get(options, BANK_ORIGIN) })
        ).json().error.code,
      );
    }
    assert.deepEqual(answers, ['webauthn_failed', 'webauthn_failed']);
  });
});
