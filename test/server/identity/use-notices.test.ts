/**
 * "Tell me every time my MitID is used" (issue 23): an active app turns it on; every completed login and approval
 * is then told to the identity's apps and contact channel. A pending app (perhaps a fraudster's, added with a
 * ticket) may not change it, and turning it off is itself told, so that it cannot be silenced unseen.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ActivationTicketResponse } from '../../../protocol/page-api.js';
import type { AppNotification, IdentitySettings } from '../../../protocol/app-api.js';
import { AppDevice, injectPort } from '../../../testing/node/index.js';
import { loginByCode, startBroker, type TestBroker } from '../support/broker.js';
import { activateByLetter, outbox, requestTicket } from '../support/identity.js';

const BO = 'bo.kodeviser';

describe('a notice every time the MitID is used', () => {
  let broker: TestBroker;
  beforeEach(async () => {
    broker = await startBroker({ settings: { activationWaitMs: 60_000 } });
  });
  afterEach(() => broker.close());

  const kinds = () => outbox(broker, BO).map((message) => message.notification.kind);

  it('is off until an active app turns it on; then each login is told, with the service and what was done', async () => {
    const phone = await activateByLetter(broker, BO, 'Bos telefon');
    assert.deepEqual((await phone.call<IdentitySettings>('GET', '/v1/app/settings')).ok(), { notify_every_use: false });
    await loginByCode(broker, BO);
    assert.ok(!kinds().includes('mitid-used'), 'off by default');

    const on = await phone.call<IdentitySettings>('POST', '/v1/app/settings', { notify_every_use: true });
    assert.deepEqual(on.ok(), { notify_every_use: true });
    await loginByCode(broker, BO);
    const used = outbox(broker, BO).find((message) => message.notification.kind === 'mitid-used');
    assert.ok(used, kinds().join());
    assert.deepEqual(used.notification.client_names, ['Netbank A/S']);
    assert.equal(used.notification.mode, 'login');
    assert.equal(used.to.phone, '+45 20 00 00 01');
    const inApp = (await phone.call<{ notifications: AppNotification[] }>('GET', '/v1/app/notifications')).ok();
    assert.equal(inApp.notifications[0]?.kind, 'mitid-used', 'the apps are told too');
  });

  it('turning it off is told; a pending app may read it but not change it; bad bodies are refused', async () => {
    const phone = await activateByLetter(broker, BO, 'Bos telefon');
    await phone.call('POST', '/v1/app/settings', { notify_every_use: true });
    // A new app added with a ticket from a login: pending for the waiting period.
    const { status } = await loginByCode(broker, BO);
    const ticket = (await requestTicket(broker, status.assertion ?? '')).json<ActivationTicketResponse>();
    const stranger = await AppDevice.activate(injectPort(broker.app), {
      userId: BO,
      name: 'Ukendt telefon',
      activationTicket: ticket.activation_ticket,
    });
    assert.equal(stranger.state, 'pending');
    assert.equal((await stranger.call('GET', '/v1/app/settings')).status, 200);
    const refused = await stranger.call('POST', '/v1/app/settings', { notify_every_use: false });
    assert.equal(refused.status, 409);
    assert.equal(refused.errorCode(), 'device_pending');

    const off = await phone.call<IdentitySettings>('POST', '/v1/app/settings', { notify_every_use: false });
    assert.deepEqual(off.ok(), { notify_every_use: false });
    const told = outbox(broker, BO).find((message) => message.notification.kind === 'use-notices-off');
    assert.equal(told?.notification.device_name, 'Bos telefon');
    const before = kinds().length;
    await loginByCode(broker, BO);
    assert.equal(kinds().length, before, 'off: no notice for the login');

    for (const body of [{}, { notify_every_use: 'yes' }, { notify_every_use: true, extra: 1 }]) {
      const bad = await phone.call('POST', '/v1/app/settings', body);
      assert.equal(bad.status, 400, JSON.stringify(body));
      assert.equal(bad.errorCode(), 'invalid_request');
    }
    const anonymous = await broker.app.inject({ method: 'GET', url: '/v1/app/settings' });
    assert.equal(anonymous.statusCode, 401);
  });
});
