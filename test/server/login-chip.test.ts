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

async function enrol(broker: TestBroker, authenticator: SoftwareAuthenticator, userId: string, origin = PUBLIC_URL) {
  const seed = identity(userId);
  const started = await broker.app.inject({
    method: 'POST',
    url: '/v1/enrol/chip/options',
    headers: { origin },
    payload: { user_id: userId, password: seed.password },
  });
  assert.equal(started.statusCode, 200, started.body);
  const { enrolment_token, options } = started.json<{
    enrolment_token: string;
    options: PublicKeyCredentialCreationOptionsJSON;
  }>();
  const response = authenticator.create(options, origin);
  return broker.app.inject({ method: 'POST', url: '/v1/enrol/chip', payload: { enrolment_token, response } });
}

async function chipSession(broker: TestBroker, userId: string) {
  const session = await broker.createSession({ user_id: userId });
  const url = `/v1/sessions/${session.id}`;
  const chosen = await broker.call('POST', `${url}/method`, session.token, { method: 'chip' });
  assert.equal(chosen.json<{ status: SessionStatusEvent }>().status.hint, 'password-required');
  return { session, url };
}

describe('login by chip (WebAuthn security key)', () => {
  let broker: TestBroker;
  const key = new SoftwareAuthenticator();
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  it('enrols a key for a chip identity; the enrolment token works once', async () => {
    const enrolled = await enrol(broker, key, 'dan.chip');
    assert.equal(enrolled.statusCode, 201, enrolled.body);
    assert.ok(enrolled.json<{ credential_id: string }>().credential_id);
  });

  it('password, then WebAuthn with options that reveal nothing about the user → High assertion', async () => {
    const seed = identity('dan.chip');
    const { session, url } = await chipSession(broker, 'dan.chip');
    const early = await broker.call('POST', `${url}/webauthn/options`, session.token);
    assert.equal(early.json().error.code, 'wrong_step', 'password first');
    const afterPassword = await broker.call('POST', `${url}/password`, session.token, { password: seed.password });
    assert.equal(afterPassword.json<SessionStatusEvent>().hint, 'chip-required');
    const options = (
      await broker.call('POST', `${url}/webauthn/options`, session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    assert.deepEqual(options.allowCredentials ?? [], []);
    assert.equal(options.rpId, 'bank.example');
    const response = key.get({ ...options, rpId: 'localhost' }, PUBLIC_URL);
    // A key enrolled for localhost does not sign for bank.example: refused.
    const wrongRp = await broker.call('POST', `${url}/webauthn`, session.token, { response });
    assert.equal(wrongRp.json().error.code, 'webauthn_failed');
    assert.equal(wrongRp.json().error.attempts_left, 2);

    // Logged in from the broker's own origin (the demo), the key works.
    const own = await broker.createSession({ user_id: 'dan.chip' }, PUBLIC_URL);
    const ownUrl = `/v1/sessions/${own.id}`;
    await broker.call('POST', `${ownUrl}/method`, own.token, { method: 'chip' });
    await broker.call('POST', `${ownUrl}/password`, own.token, { password: seed.password });
    const ownOptions = (
      await broker.call('POST', `${ownUrl}/webauthn/options`, own.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    assert.equal(ownOptions.rpId, 'localhost');
    const done = await broker.call('POST', `${ownUrl}/webauthn`, own.token, {
      response: key.get(ownOptions, PUBLIC_URL),
    });
    assert.equal(done.statusCode, 200, done.body);
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
    const session = await broker.createSession({ user_id: 'dan.chip' }, PUBLIC_URL);
    const url = `/v1/sessions/${session.id}`;
    await broker.call('POST', `${url}/method`, session.token, { method: 'chip' });
    await broker.call('POST', `${url}/password`, session.token, { password: identity('dan.chip').password });
    const options = (
      await broker.call('POST', `${url}/webauthn/options`, session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const foreign = await broker.call('POST', `${url}/webauthn`, session.token, {
      response: evaKey.get(options, PUBLIC_URL),
    });
    assert.equal(foreign.json().error.code, 'webauthn_failed');
    const reused = await broker.call('POST', `${url}/webauthn`, session.token, {
      response: key.get(options, PUBLIC_URL),
    });
    assert.equal(reused.json().error.code, 'wrong_step', 'the challenge was spent');
  });

  it('enrolment refuses wrong passwords (like unknown users), identities without a chip, and odd origins', async () => {
    const attempt = (userId: string, password: string, origin = PUBLIC_URL) =>
      broker.app.inject({
        method: 'POST',
        url: '/v1/enrol/chip/options',
        headers: { origin },
        payload: { user_id: userId, password },
      });
    const wrong = await attempt('dan.chip', 'wrong-password');
    const unknown = await attempt('nobody.here', 'wrong-password');
    assert.deepEqual([wrong.statusCode, wrong.json()], [unknown.statusCode, unknown.json()]);
    const anna = identity('anna.app');
    assert.equal((await attempt(anna.userId, anna.password)).json().error.code, 'method_unavailable');
    const dan = identity('dan.chip');
    assert.equal(
      (await attempt(dan.userId, dan.password, 'https://evil.example')).json().error.code,
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

  it('an unknown user ID gets the same chip steps and fails like a user without the key', async () => {
    const { session, url } = await chipSession(broker, 'nobody.here');
    const wrong = await broker.call('POST', `${url}/password`, session.token, { password: 'whatever-1' });
    assert.equal(wrong.json().error.code, 'wrong_password');
    // The same options as for a known user: nothing in them depends on the user ID.
    const known = await chipSession(broker, 'dan.chip');
    await broker.call('POST', `${known.url}/password`, known.session.token, {
      password: identity('dan.chip').password,
    });
    const knownOptions = (
      await broker.call('POST', `${known.url}/webauthn/options`, known.session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    assert.equal(knownOptions.rpId, new URL(BANK_ORIGIN).hostname);
    assert.deepEqual(Object.keys(knownOptions).sort(), [
      'allowCredentials',
      'challenge',
      'rpId',
      'timeout',
      'userVerification',
    ]);
  });
});
