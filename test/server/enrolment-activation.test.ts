/**
 * Enrolment, steps 6 and 7 (issue 23): a code display sent and activated with its serial number, its code and a new
 * password; the app activated with the one-time code the page shows. Each makes the identity, which then logs in
 * like any other, tells the person, and hands the bank a signed result that mitid-login/verify checks. Tried as a
 * fraudster and a hurried user would: wrong serial numbers and codes to the end, the first code again at login, a
 * step changed after activation, a result for another customer, used twice, or passed off as a login.
 */
import { afterEach, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { JSONWebKeySet } from 'jose';
import {
  ENROL_LIMITS,
  type AppActivationResponse,
  type ChipKeyOptionsResponse,
  type EnrolMethod,
  type EnrolmentView,
} from '../../protocol/enrol-api.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { SoftwareAuthenticator } from './support/authenticator.js';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import {
  AssertionError,
  EnrolmentResultError,
  verifyAssertion,
  verifyEnrolment,
  type VerifyEnrolmentOptions,
} from '../../verify/index.js';
import { MemoryDevicePost } from '../../server/enrolment/device-post.js';
import { hashToken } from '../../server/http/auth.js';
import { AppDevice, CodeDevice, injectPort } from '../../testing/node/index.js';
import { BANK_ORIGIN, NONCE, PUBLIC_URL, type TestBroker } from './support/broker.js';
import { CUSTOMER, createdToken, enrolmentBroker, errorOf, makeKeys, step, type Keys } from './support/enrolment.js';
import { outbox } from './support/identity.js';

let keys: Keys;
let broker: TestBroker;

before(async () => {
  keys = await makeKeys();
});

beforeEach(async () => {
  broker = await enrolmentBroker(keys);
});
afterEach(() => broker.close());

const USER_ID = 'Sol.og.Hav77';
const PASSWORD = 'grøn tekande i haven';

/** An enrolment with steps 2 to 5 done for `method`; its token. */
async function readyEnrolment(method: EnrolMethod, userId = USER_ID): Promise<string> {
  const token = await createdToken(broker, keys);
  for (const [path, body] of [
    ['terms', { accepted: true }],
    ['method', { method }],
    ['contact', { email: 'maja@eksempel.dk', phone: '20304050' }],
    ['user-id', { user_id: userId }],
  ] as const) {
    const response = await step(broker, token, path, body);
    assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
  }
  return token;
}

/** The device the broker sent: its serial (as the page shows it) and the code it shows now (its secret stays inside). */
async function sentDevice(token: string): Promise<{ serial: string; device: CodeDevice }> {
  const sent = await step(broker, token, 'device');
  assert.equal(sent.statusCode, 200, sent.body);
  const view = sent.json<EnrolmentView>();
  assert.ok(view.device, 'the view names the device sent');
  assert.doesNotMatch(sent.body, /secret/i, 'the secret never leaves the broker');
  return { serial: view.device.serial, device: new CodeDevice(view.device.method, postedSecret(view.device.serial)) };
}

/** The secret of the device posted with `serial`: what the embedded post holds, as a simulated device is made. */
function postedSecret(serial: string): string {
  const post = broker.app.broker.devicePost;
  assert.ok(post instanceof MemoryDevicePost);
  const parcel = post.find(serial);
  assert.ok(parcel, `a device with serial ${serial} was posted`);
  return parcel.secret;
}

/** The secret in the enrolment's own record (to tell it from the posted one). */
async function recordedSecret(token: string): Promise<string> {
  const raw = await broker.app.broker.state.get(`enrol:${hashToken(token)}`);
  const record = JSON.parse(raw ?? '{}') as { device?: { secret: string } };
  assert.ok(record.device);
  return record.device.secret;
}

async function jwks(): Promise<JSONWebKeySet> {
  return (await broker.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
}

/** The bank's checks of an enrolment result as of the broker's clock now, with `changes` for the case tried. */
async function resultChecks(changes: Partial<VerifyEnrolmentOptions> = {}): Promise<VerifyEnrolmentOptions> {
  return {
    issuer: PUBLIC_URL,
    audience: 'netbank',
    customerRef: CUSTOMER.customer_ref,
    jwks: await jwks(),
    currentDate: new Date(broker.clock.now()),
    ...changes,
  };
}

function activate(token: string, body: { serial: string; code: string; password: string }) {
  return step(broker, token, 'device/activate', body);
}

describe('enrolment: a code display, sent and activated', () => {
  it('makes the identity, which logs in with the device and the password; the bank verifies the result', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const at = () => broker.clock.now();
    for (const [password, reason] of [
      ['kort', 'too-short'],
      ['sol.og.hav77 for evigt', 'user-id'],
      ['password2026', 'common'],
      ['0101901234abc', 'cpr'],
    ] as const) {
      const refused = await activate(token, { serial, code: device.code(at()), password });
      assert.equal(refused.statusCode, 400, password);
      assert.deepEqual([errorOf(refused).code, errorOf(refused).reason], ['password_refused', reason]);
    }
    const done = await activate(token, { serial, code: device.code(at()), password: PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    const view = done.json<EnrolmentView>();
    assert.ok(view.result, 'the signed result');

    const claims = await verifyEnrolment(view.result, await resultChecks());
    assert.deepEqual(claims.methods, ['code-display']);
    // The same result again is refused, and one for another customer too.
    await assert.rejects(
      verifyEnrolment(view.result, await resultChecks()),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'replayed',
    );
    await assert.rejects(
      verifyEnrolment(view.result, await resultChecks({ customerRef: 'K-999', replayStore: false })),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'wrong_customer',
    );
    // A result is no login assertion.
    await assert.rejects(
      verifyAssertion(view.result, {
        issuer: PUBLIC_URL,
        audience: 'netbank',
        nonce: NONCE,
        origin: BANK_ORIGIN,
        jwks: await jwks(),
        currentDate: new Date(at()),
        replayStore: false,
      }),
      (error: unknown) => error instanceof AssertionError,
    );

    // The new MitID logs in: the first code is used already, the next one works, and the sub is the result's.
    const session = await broker.createSession({ user_id: 'SOL.OG.HAV77' });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    const again = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: device.code(at()),
    });
    assert.equal(again.json<{ error: { code: string } }>().error.code, 'code_used');
    broker.clock.advance(30_000);
    const code = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: device.code(at()),
    });
    assert.equal(code.statusCode, 200, code.body);
    const login = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: PASSWORD,
    });
    assert.equal(login.statusCode, 200, login.body);
    const assertion = login.json<SessionStatusEvent>().assertion ?? '';
    const loginClaims = await verifyAssertion(assertion, {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks: await jwks(),
      currentDate: new Date(at()),
    });
    assert.equal(loginClaims.sub, claims.sub, 'the bank links the enrolment to the logins');
    await assert.rejects(
      verifyEnrolment(assertion, await resultChecks()),
      (error: unknown) => error instanceof EnrolmentResultError && error.code === 'wrong_type',
      'a login assertion is no enrolment result',
    );
    assert.equal(loginClaims.name, CUSTOMER.name);

    // Told to the contact channel.
    const kinds = outbox(broker, 'sol.og.hav77').map((notice) => notice.notification.kind);
    assert.deepEqual(kinds, ['mitid-created']);
  });

  it('after activation the choices are made, the user ID is taken, and the result is shown again on a reload', async () => {
    const token = await readyEnrolment('code-reader');
    const { serial, device } = await sentDevice(token);
    const done = await activate(token, { serial, code: device.code(broker.clock.now()), password: PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    for (const [path, body] of [
      ['user-id', { user_id: 'mark.og.mose' }],
      ['method', { method: 'app' }],
      ['contact', { email: 'x@eksempel.dk' }],
    ] as const) {
      const late = await step(broker, token, path, body);
      assert.equal(late.statusCode, 409, path);
      assert.equal(errorOf(late).code, 'wrong_step', path);
    }
    const twice = await activate(token, { serial, code: device.code(broker.clock.now() + 30_000), password: PASSWORD });
    assert.equal(errorOf(twice).code, 'wrong_step');
    assert.equal(
      (await step(broker, token, 'current')).json<EnrolmentView>().result,
      done.json<EnrolmentView>().result,
    );
    const other = await createdToken(broker, keys);
    await step(broker, other, 'terms', { accepted: true });
    assert.equal(errorOf(await step(broker, other, 'user-id/check', { user_id: USER_ID })).code, 'user_id_taken');
  });

  it('activated twice at once with the same code: one identity; the other press hears the code is used', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const body = { serial, code: device.code(broker.clock.now()), password: PASSWORD };
    const answers = await Promise.all([activate(token, body), activate(token, body)]);
    const statuses = answers.map((answer) => answer.statusCode).sort();
    assert.deepEqual(statuses, [200, 400], answers.map((answer) => answer.body).join(' | '));
    const refused = answers.find((answer) => answer.statusCode !== 200)!;
    assert.equal(errorOf(refused).code, 'code_used');
    assert.ok((await step(broker, token, 'current')).json<EnrolmentView>().result, 'the enrolment is finished');
  });

  it('wrong serial numbers and codes are counted; the fifth ends the enrolment and frees the user ID', async () => {
    const token = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(token);
    const right = () => device.code(broker.clock.now());
    const wrongCode = () => String((Number(right()) + 1) % 1_000_000).padStart(6, '0');
    for (const [index, body] of [
      { serial: '0000-0000-00', code: right(), password: PASSWORD },
      { serial, code: wrongCode(), password: PASSWORD },
      { serial, code: wrongCode(), password: PASSWORD },
      { serial: '1234-5678-90', code: wrongCode(), password: PASSWORD },
    ].entries()) {
      const wrong = await activate(token, body);
      assert.equal(wrong.statusCode, 400);
      assert.equal(errorOf(wrong).code, 'wrong_code');
      assert.equal(wrong.json<{ error: { attempts_left: number } }>().error.attempts_left, 4 - index);
    }
    const last = await activate(token, { serial, code: wrongCode(), password: PASSWORD });
    assert.equal(last.statusCode, 410);
    assert.equal(errorOf(last).code, 'enrolment_expired');
    assert.equal(
      errorOf(await activate(token, { serial, code: right(), password: PASSWORD })).code,
      'enrolment_expired',
    );
    const next = await readyEnrolment('code-display');
    assert.ok(next, 'the user ID could be reserved again');
  });

  it('a device is sent only when steps 2 to 5 are done, for a code method, three times at most; the last one counts', async () => {
    const token = await createdToken(broker, keys);
    await step(broker, token, 'terms', { accepted: true });
    await step(broker, token, 'method', { method: 'code-display' });
    assert.equal(errorOf(await step(broker, token, 'device')).code, 'wrong_step', 'no contact details yet');
    const forApp = await readyEnrolment('app', 'mark.og.mose');
    assert.equal(errorOf(await step(broker, forApp, 'device')).code, 'wrong_step', 'the app needs no device');
    const ready = await readyEnrolment('code-display', 'hav.og.sol.22');
    const first = await sentDevice(ready);
    const second = await sentDevice(ready);
    assert.notEqual(first.serial, second.serial);
    assert.equal((await step(broker, ready, 'device')).statusCode, 200);
    assert.equal(errorOf(await step(broker, ready, 'device')).code, 'rate_limited');
    const old = await activate(ready, {
      serial: first.serial,
      code: first.device.code(broker.clock.now()),
      password: PASSWORD,
    });
    assert.equal(errorOf(old).code, 'wrong_code', 'a device sent before no longer works');
  });

  it('each device sent goes to the post with the contact details of the enrolment; the post holds what the record holds', async () => {
    const token = await readyEnrolment('code-reader');
    const sent: Array<{ serial: string; method: string; to: unknown }> = [];
    const post = broker.app.broker.devicePost;
    const send = post.send.bind(post);
    post.send = async (device, to) => {
      sent.push({ serial: device.serial, method: device.method, to });
      await send(device, to);
    };
    const { serial } = await sentDevice(token);
    assert.deepEqual(sent, [{ serial, method: 'code-reader', to: { email: 'maja@eksempel.dk', phone: '20304050' } }]);
    assert.equal(postedSecret(serial), await recordedSecret(token));
    assert.equal(
      errorOf(await step(broker, token, 'device/activate', { serial, code: '000000', password: PASSWORD })).code,
      'wrong_code',
    );
  });
});

describe('enrolment: the app, activated with the code the page shows', () => {
  it('makes the identity; the app activates with the one-time code, and logs in; the page then has the result', async () => {
    const token = await readyEnrolment('app');
    const started = await step(broker, token, 'app');
    assert.equal(started.statusCode, 200, started.body);
    const activation = started.json<AppActivationResponse>();
    assert.equal(activation.qr_text, `mitid-activation:1:${USER_ID}:${activation.activation_code}`);
    assert.equal((await step(broker, token, 'current')).json<EnrolmentView>().result, undefined, 'not yet');
    // The choices are made once the identity exists.
    assert.equal(errorOf(await step(broker, token, 'user-id', { user_id: 'mark.og.mose' })).code, 'wrong_step');

    const phone = await AppDevice.activate(injectPort(broker.app), {
      userId: activation.user_id,
      name: 'Majas telefon',
      activationCode: activation.activation_code,
    });
    assert.equal(phone.state, 'active');
    const again = await broker.app.inject({
      method: 'POST',
      url: '/v1/app/activate',
      payload: {
        user_id: activation.user_id,
        activation_code: activation.activation_code,
        device_public_key: { kty: 'EC', crv: 'P-256', x: 'A'.repeat(43), y: 'A'.repeat(43) },
        device_name: 'Fremmed telefon',
      },
    });
    assert.equal(again.statusCode, 400, 'the code works once');

    const view = (await step(broker, token, 'current')).json<EnrolmentView>();
    assert.ok(view.result);
    const claims = await verifyEnrolment(view.result, await resultChecks());
    assert.deepEqual(claims.methods, ['app']);

    const session = await broker.createSession({ user_id: USER_ID });
    const chosen = await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, {
      method: 'app',
      device: 'same',
    });
    await phone.answer(chosen.json<{ app_link: string }>().app_link, 'approve');
    const status = await broker.status(session.id, session.token);
    assert.equal(status.status, 'complete');
    const kinds = outbox(broker, 'sol.og.hav77').map((notice) => notice.notification.kind);
    assert.ok(kinds.includes('device-activated') && kinds.includes('mitid-created'), kinds.join());
  });

  it('left at its QR code (the tab closed), its user ID is free again once the enrolment ends; not once an app came', async () => {
    const token = await readyEnrolment('app');
    assert.equal((await step(broker, token, 'app')).statusCode, 200);
    // While the enrolment lasts, the user ID waits for its app: no one else gets it.
    const meanwhile = await readyEnrolment('code-display', 'anden.person1').then((other) =>
      step(broker, other, 'user-id', { user_id: USER_ID }),
    );
    assert.equal(errorOf(meanwhile).code, 'user_id_taken');

    broker.clock.advance(ENROL_LIMITS.enrolmentTtlSeconds * 1000 + 1);
    // The person starts again, and chooses the same user ID; this time with a code display.
    const again = await readyEnrolment('code-display');
    const { serial, device } = await sentDevice(again);
    const done = await activate(again, { serial, code: device.code(broker.clock.now()), password: PASSWORD });
    assert.equal(done.statusCode, 200, done.body);
    assert.ok(done.json<EnrolmentView>().result);

    // An app enrolment whose app came keeps its user ID after the enrolment's end.
    const kept = await readyEnrolment('app', 'Mark.og.Mose8');
    const activation = (await step(broker, kept, 'app')).json<AppActivationResponse>();
    await AppDevice.activate(injectPort(broker.app), {
      userId: activation.user_id,
      name: 'Marks telefon',
      activationCode: activation.activation_code,
    });
    broker.clock.advance(ENROL_LIMITS.enrolmentTtlSeconds * 1000 + 1);
    const late = await readyEnrolment('code-display', 'anden.person2').then((other) =>
      step(broker, other, 'user-id', { user_id: 'Mark.og.Mose8' }),
    );
    assert.equal(errorOf(late).code, 'user_id_taken');
  });

  it('pressed twice at once, the app step makes one identity and answers both with a code; one code works', async () => {
    const token = await readyEnrolment('app');
    const [first, second] = await Promise.all([step(broker, token, 'app'), step(broker, token, 'app')]);
    // Before, the second press answered 409 user_id_taken: the user ID taken by the first press itself.
    assert.equal(first.statusCode, 200, first.body);
    assert.equal(second.statusCode, 200, second.body);
    const codes = [first, second].map((response) => response.json<AppActivationResponse>().activation_code);
    assert.notEqual(codes[0], codes[1]);
    // One letter per identity: the code issued last replaced the other, so exactly one activates the app.
    const tries = await Promise.allSettled(
      codes.map((activationCode) =>
        AppDevice.activate(injectPort(broker.app), { userId: USER_ID, name: 'Majas telefon', activationCode }),
      ),
    );
    assert.equal(tries.filter((attempt) => attempt.status === 'fulfilled').length, 1, 'one code works');
    const view = (await step(broker, token, 'current')).json<EnrolmentView>();
    assert.ok(view.result, 'and the enrolment is finished');
  });
});

describe('enrolment: a chip, registered in the page, with a password', () => {
  async function keyOptions(token: string): Promise<PublicKeyCredentialCreationOptionsJSON> {
    const answer = await step(broker, token, 'chip-key/options');
    assert.equal(answer.statusCode, 200, answer.body);
    return answer.json<ChipKeyOptionsResponse>().options as PublicKeyCredentialCreationOptionsJSON;
  }

  it('makes the identity with the key; it logs in with the key and the password; the bank verifies the result', async () => {
    const token = await readyEnrolment('chip');
    const key = new SoftwareAuthenticator();
    const options = await keyOptions(token);
    assert.equal(options.rp.id, new URL(BANK_ORIGIN).hostname, 'the bank’s page is the relying party');
    assert.equal(options.user.name, 'sol.og.hav77');
    const done = await step(broker, token, 'chip-key', {
      response: key.create(options, BANK_ORIGIN),
      password: PASSWORD,
    });
    assert.equal(done.statusCode, 200, done.body);
    const view = done.json<EnrolmentView>();
    assert.ok(view.result);
    assert.deepEqual((await verifyEnrolment(view.result, await resultChecks())).methods, ['chip']);
    const kinds = outbox(broker, 'sol.og.hav77').map((notice) => notice.notification.kind);
    assert.ok(kinds.includes('chip-enrolled') && kinds.includes('mitid-created'), kinds.join());

    // The new MitID logs in at the bank: the key first, then the password.
    const session = await broker.createSession({ user_id: USER_ID });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'chip' });
    const request = (
      await broker.call('POST', `/v1/sessions/${session.id}/webauthn/options`, session.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    const signed = await broker.call('POST', `/v1/sessions/${session.id}/webauthn`, session.token, {
      response: key.get(request, BANK_ORIGIN),
    });
    assert.equal(signed.statusCode, 200, signed.body);
    const login = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
      password: PASSWORD,
    });
    assert.equal(login.json<SessionStatusEvent>().status, 'complete', login.body);
  });

  it('refuses a weak password before the key is asked, an answer to other options, a replay, and another method’s steps', async () => {
    const token = await readyEnrolment('chip');
    const key = new SoftwareAuthenticator();
    const first = await keyOptions(token);
    const weak = await step(broker, token, 'chip-key', {
      response: key.create(first, BANK_ORIGIN),
      password: 'sol.og.hav77x',
    });
    assert.equal(errorOf(weak).code, 'password_refused');
    assert.equal(errorOf(weak).reason, 'user-id');

    // New options replace the old: an answer to the first is refused, and that costs the new challenge too.
    const second = await keyOptions(token);
    const stale = await step(broker, token, 'chip-key', {
      response: key.create(first, BANK_ORIGIN),
      password: PASSWORD,
    });
    assert.equal(errorOf(stale).code, 'webauthn_failed');
    const replay = await step(broker, token, 'chip-key', {
      response: key.create(second, BANK_ORIGIN),
      password: PASSWORD,
    });
    assert.equal(errorOf(replay).code, 'wrong_step', 'the challenge was used by the refused answer');

    // A key answering for another page (another relying party) is refused.
    const third = await keyOptions(token);
    const elsewhere = await step(broker, token, 'chip-key', {
      response: key.create({ ...third, rp: { ...third.rp, id: 'evil.example' } }, 'https://evil.example'),
      password: PASSWORD,
    });
    assert.equal(errorOf(elsewhere).code, 'webauthn_failed');

    assert.equal(errorOf(await step(broker, token, 'device')).code, 'wrong_step', 'no device is sent for a chip');
    assert.equal(errorOf(await step(broker, token, 'app')).code, 'wrong_step');
    const appToken = await readyEnrolment('app', 'Mark.og.Mose8');
    assert.equal(errorOf(await step(broker, appToken, 'chip-key/options')).code, 'wrong_step');
  });
});
