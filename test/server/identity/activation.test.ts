/**
 * Adding an app or a chip key needs proof, never a password: the letter's one-time activation code, or a ticket
 * traded for a login that completed a few minutes ago (a pending app, told to the identity's other apps and its
 * contact channel, active after the waiting period). A stranger with a user ID and a phished password can add nothing.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { PublicKeyCredentialCreationOptionsJSON } from '@simplewebauthn/server';
import type { ActivationTicketResponse } from '../../../protocol/page-api.js';
import type { ActivateDeviceResponse, AppNotification, AuthenticatorsResponse } from '../../../protocol/app-api.js';
import { AppDevice, injectPort } from '../../../testing/node/index.js';
import { SoftwareAuthenticator } from '../support/authenticator.js';
import { identity, loginByCode, PUBLIC_URL, startBroker, type TestBroker } from '../support/broker.js';
import { activateByLetter, newLetter, outbox, requestTicket } from '../support/identity.js';

const WAIT_MS = 60_000;

function deviceKey() {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = publicKey.export({ format: 'jwk' });
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y };
}

function activate(broker: TestBroker, body: Record<string, unknown>) {
  return broker.app.inject({
    method: 'POST',
    url: '/v1/app/activate',
    payload: { device_public_key: deviceKey(), device_name: 'Fremmed telefon', ...body },
  });
}

describe('adding an authenticator needs proof', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker({ settings: { activationWaitMs: WAIT_MS } });
  });
  after(() => broker.close());

  it('a password never activates an app: the field is refused, and no proof is activation_required', async () => {
    const seed = identity('anna.app');
    const withPassword = await activate(broker, { user_id: 'anna.app', password: seed.password });
    assert.equal(withPassword.statusCode, 400);
    assert.equal(withPassword.json().error.code, 'invalid_request');
    const without = await activate(broker, { user_id: 'anna.app' });
    assert.equal(without.statusCode, 403);
    assert.equal(without.json().error.code, 'activation_required');
    const both = await activate(broker, {
      user_id: 'anna.app',
      activation_code: 'AAAA-AAAA-AAAA',
      activation_ticket: 'AAAA-AAAA',
    });
    assert.equal(both.json().error.code, 'activation_required');
  });

  it("the letter's code activates once; a wrong, reused or unknown user ID's code answers the same", async () => {
    const code = await newLetter(broker, 'anna.app');
    const first = await activate(broker, { user_id: 'anna.app', activation_code: code.toLowerCase() });
    assert.equal(first.statusCode, 201, first.body);
    const activated = first.json<ActivateDeviceResponse>();
    assert.equal(activated.state, 'active');
    assert.equal(activated.name, 'Anna Hansen');
    const refusals = [
      await activate(broker, { user_id: 'anna.app', activation_code: code }),
      await activate(broker, { user_id: 'anna.app', activation_code: 'ZZZZ-ZZZZ-ZZZZ' }),
      await activate(broker, { user_id: 'ingen.bruger', activation_code: code }),
    ];
    for (const refused of refusals) {
      assert.equal(refused.statusCode, 400);
      assert.deepEqual(refused.json(), refusals[0]?.json(), 'one answer for used, wrong and unknown');
      assert.equal(refused.json().error.code, 'invalid_activation');
    }
  });

  it('a ticket from a code-display login adds a pending app, told to the other apps and the contact channel', async () => {
    const existing = await activateByLetter(broker, 'eva.flere', 'Evas telefon');
    const { status } = await loginByCode(broker, 'eva.flere');
    const ticket = await requestTicket(broker, status.assertion ?? '');
    assert.equal(ticket.statusCode, 201, ticket.body);
    const issued = ticket.json<ActivationTicketResponse>();
    assert.match(issued.activation_ticket, /^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    assert.deepEqual(issued.kinds, ['app'], 'a Substantial login adds an app, not a chip');
    assert.equal(issued.wait_seconds, WAIT_MS / 1000);

    const port = injectPort(broker.app);
    const added = await AppDevice.activate(port, {
      userId: 'eva.flere',
      name: 'Ny tablet',
      activationTicket: issued.activation_ticket,
    });
    assert.equal(added.state, 'pending');
    assert.equal(Date.parse(added.activeFrom), broker.clock.now() + WAIT_MS);

    const notices = (await existing.call<{ notifications: AppNotification[] }>('GET', '/v1/app/notifications')).ok();
    const pending = notices.notifications.find((notice) => notice.kind === 'device-pending');
    assert.equal(pending?.device_name, 'Ny tablet');
    assert.equal(pending?.active_from, added.activeFrom);
    assert.ok(
      outbox(broker, 'eva.flere').some((message) => message.notification.kind === 'device-pending'),
      'the contact channel is told too',
    );

    // Pending: it may read, not act.
    const scan = await added.scan('MQR1.x.0.y');
    assert.equal(scan.status, 409);
    assert.equal(scan.errorCode(), 'device_pending');
    assert.equal((await added.call('GET', '/v1/app/notifications')).status, 200);
    broker.clock.advance(WAIT_MS);
    assert.equal((await added.call('GET', '/v1/app/requests')).status, 200, 'active after the waiting period');
  });

  it("a ticket and its login work once, from the login page's origin, within the window, for that user only", async () => {
    const { status } = await loginByCode(broker, 'bo.kodeviser');
    const assertion = status.assertion ?? '';
    const elsewhere = await requestTicket(broker, assertion, 'https://phish.example');
    assert.equal(elsewhere.json().error.code, 'invalid_activation', 'another origin');
    // The assertion is spent by that try too: one trade per login, whoever tries first.
    assert.equal((await requestTicket(broker, assertion)).json().error.code, 'invalid_activation');

    const late = await loginByCode(broker, 'bo.kodeviser');
    broker.clock.advance(broker.app.broker.settings.loginProofMs + 1);
    assert.equal((await requestTicket(broker, late.status.assertion ?? '')).json().error.code, 'invalid_activation');

    const fresh = await loginByCode(broker, 'bo.kodeviser');
    const ticket = (await requestTicket(broker, fresh.status.assertion ?? '')).json<ActivationTicketResponse>();
    const forOther = await activate(broker, { user_id: 'anna.app', activation_ticket: ticket.activation_ticket });
    assert.equal(forOther.json().error.code, 'invalid_activation', "another user's ticket");
    const used = await activate(broker, { user_id: 'bo.kodeviser', activation_ticket: ticket.activation_ticket });
    assert.equal(used.statusCode, 201, used.body);
    const again = await activate(broker, { user_id: 'bo.kodeviser', activation_ticket: ticket.activation_ticket });
    assert.equal(again.json().error.code, 'invalid_activation', 'used once');
    const forged = await requestTicket(broker, 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl');
    assert.equal(forged.json().error.code, 'invalid_activation', 'an assertion the broker never made');
  });

  it('an app removes a newer one ("not me"), which is refused from then on; never an older one', async () => {
    const mine = await activateByLetter(broker, 'anna.app', 'Annas telefon');
    const intruder = await activateByLetter(broker, 'anna.app', 'Ukendt telefon');
    const list = (await mine.call<AuthenticatorsResponse>('GET', '/v1/app/authenticators')).ok();
    const entry = list.authenticators.find((authenticator) => authenticator.id === intruder.deviceId);
    assert.equal(entry?.state, 'active');
    assert.equal(list.authenticators.find((authenticator) => authenticator.this_device)?.id, mine.deviceId);

    const older = await intruder.call('POST', `/v1/app/authenticators/${mine.deviceId}/revoke`);
    assert.equal(older.status, 404, 'a newer app cannot throw out its owner');
    // A pending app may remove itself (the user gives up on that phone), but nothing else until it is active.
    const { status } = await loginByCode(broker, 'eva.flere');
    const ticket = (await requestTicket(broker, status.assertion ?? '')).json<ActivationTicketResponse>();
    const pending = await AppDevice.activate(injectPort(broker.app), {
      userId: 'eva.flere',
      name: 'Venter',
      activationTicket: ticket.activation_ticket,
    });
    assert.equal(pending.state, 'pending');
    assert.equal((await pending.call('POST', `/v1/app/authenticators/${pending.deviceId}/revoke`)).status, 200);
    assert.equal((await pending.call('GET', '/v1/app/notifications')).errorCode(), 'invalid_device');
    const revoked = await mine.call('POST', `/v1/app/authenticators/${intruder.deviceId}/revoke`);
    assert.equal(revoked.status, 200, revoked.text);
    const refused = await intruder.call('GET', '/v1/app/notifications');
    assert.equal(refused.status, 401);
    assert.equal(refused.errorCode(), 'invalid_device');
    const history = (await mine.call<AuthenticatorsResponse>('GET', '/v1/app/authenticators')).ok().history;
    assert.equal(history[0]?.kind, 'revoked');
    assert.equal(history[0]?.authenticator_name, 'Ukendt telefon');
  });

  it('the cap revokes the oldest app, which then no longer works', async () => {
    const capped = await startBroker({ settings: { maxAppDevices: 2 } });
    try {
      const first = await activateByLetter(capped, 'anna.app', 'Første');
      await activateByLetter(capped, 'anna.app', 'Anden');
      const third = await activateByLetter(capped, 'anna.app', 'Tredje');
      assert.equal((await first.call('GET', '/v1/app/requests')).errorCode(), 'invalid_device');
      const notices = (await third.call<{ notifications: AppNotification[] }>('GET', '/v1/app/notifications')).ok();
      assert.ok(
        notices.notifications.some(
          (notice) => notice.kind === 'authenticator-revoked' && notice.device_name === 'Første',
        ),
      );
    } finally {
      await capped.close();
    }
  });
});

describe('a chip key needs the letter or a login at High', () => {
  let broker: TestBroker;
  before(async () => {
    broker = await startBroker();
  });
  after(() => broker.close());

  async function options(body: Record<string, unknown>) {
    return broker.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip/options',
      headers: { origin: PUBLIC_URL },
      payload: body,
    });
  }

  it('a password is refused, a Substantial ticket is not enough, the letter is; the letter is spent by the key', async () => {
    const seed = identity('eva.flere');
    assert.equal(
      (await options({ user_id: 'eva.flere', password: seed.password })).json().error.code,
      'invalid_request',
    );
    const { status } = await loginByCode(broker, 'eva.flere');
    const ticket = (await requestTicket(broker, status.assertion ?? '')).json<ActivationTicketResponse>();
    const substantial = await options({ user_id: 'eva.flere', activation_ticket: ticket.activation_ticket });
    assert.equal(substantial.statusCode, 403);
    assert.equal(substantial.json().error.code, 'activation_required');

    const code = await newLetter(broker, 'eva.flere');
    const cancelled = await options({ user_id: 'eva.flere', activation_code: code });
    assert.equal(cancelled.statusCode, 200, 'a prompt the user cancels costs nothing…');
    const started = await options({ user_id: 'eva.flere', activation_code: code });
    assert.equal(started.statusCode, 200, '…so the letter still opens the next try');
    const { enrolment_token, options: creation } = started.json<{
      enrolment_token: string;
      options: PublicKeyCredentialCreationOptionsJSON;
    }>();
    const key = new SoftwareAuthenticator();
    const finished = await broker.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip',
      payload: { enrolment_token, response: key.create(creation, PUBLIC_URL) },
    });
    assert.equal(finished.statusCode, 201, finished.body);
    assert.equal(
      (await options({ user_id: 'eva.flere', activation_code: code })).json().error.code,
      'invalid_activation',
    );
    assert.ok(outbox(broker, 'eva.flere').some((message) => message.notification.kind === 'chip-enrolled'));
  });

  it('excludeCredentials lists every key the identity has had, so none is enrolled twice', async () => {
    const key = new SoftwareAuthenticator();
    for (let round = 0; round < 2; round += 1) {
      const started = await options({ user_id: 'dan.chip', activation_code: await newLetter(broker, 'dan.chip') });
      const { enrolment_token, options: creation } = started.json<{
        enrolment_token: string;
        options: PublicKeyCredentialCreationOptionsJSON;
      }>();
      assert.equal(creation.excludeCredentials?.length ?? 0, round);
      const response = key.create(creation, PUBLIC_URL);
      const done = await broker.app.inject({
        method: 'POST',
        url: '/v1/enrol/chip',
        payload: { enrolment_token, response },
      });
      assert.equal(done.statusCode, 201, done.body);
    }
  });
});
