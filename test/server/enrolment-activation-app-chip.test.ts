/**
 * Enrolment, step 7 for the app and for a chip (issue 23): the app activated with the one-time code the page shows
 * (and an enrolment left at its QR code giving its user ID back when it ends); a chip registered in the bank's page
 * by WebAuthn, with a password. Each makes the identity, which then logs in, tells the person, and hands the bank a
 * signed result. Tried as a fraudster and a hurried user would: two presses at once, the code used twice, a weak
 * password, an answer to old options or for another page, a replayed answer, another method's steps.
 */
import { beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  ENROL_LIMITS,
  type AppActivationResponse,
  type ChipKeyOptionsResponse,
  type EnrolmentView,
} from '../../protocol/enrol-api.js';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import { SoftwareAuthenticator } from './support/authenticator.js';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import { verifyEnrolment } from '../../verify/index.js';
import { AppDevice, injectPort } from '../../testing/node/index.js';
import { BANK_ORIGIN, type TestBroker } from './support/broker.js';
import { errorOf, step } from './support/enrolment.js';
import { outbox } from './support/identity.js';
import { PASSWORD, USER_ID, useEnrolmentRig } from './support/enrolment-rig.js';

const rig = useEnrolmentRig();
const { readyEnrolment, sentDevice, resultChecks, activate } = rig;
let broker: TestBroker;
beforeEach(() => {
  broker = rig.broker;
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
