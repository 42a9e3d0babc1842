/**
 * One's own MitID in the bank's page after a login there (issue 23, "after enrolment, in the net bank";
 * protocol/identity-api.ts): the login's assertion buys, once, from its own origin, a short access; with it the page
 * shows the devices and the choices, removes a device, changes the user ID and turns the notice for every use on.
 * Thought of as the attacker: an old user ID names no one, a taken one is refused without saying whose, a changed ID
 * keeps every relying party's `sub`, a device slipped in after a phished login cannot throw out its owner's, and
 * the last way to log in cannot be removed.
 */
import { afterEach, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AppRequest } from '../../../protocol/app-api.js';
import type {
  ChangeUserIdResponse,
  IdentityAccessResponse,
  IdentityOverview,
  RevokeResponse,
} from '../../../protocol/identity-api.js';
import type { ActivationTicketResponse, QrFrameResponse } from '../../../protocol/page-api.js';
import { AppDevice, injectPort } from '../../../testing/node/index.js';
import { BANK_ORIGIN, identity, loginByCode, startBroker, type TestBroker } from '../support/broker.js';
import { activateByLetter, outbox, requestTicket } from '../support/identity.js';

const BO = 'bo.kodeviser';
const ANNA = 'anna.app';
const WAIT_MS = 60_000;

function subOf(assertion: string): string {
  return (JSON.parse(Buffer.from(assertion.split('.')[1] ?? '', 'base64url').toString()) as { sub: string }).sub;
}

describe('one’s own MitID in the bank’s page, after a login', () => {
  let broker: TestBroker;
  beforeEach(async () => {
    broker = await startBroker({ settings: { activationWaitMs: WAIT_MS } });
  });
  afterEach(() => broker.close());

  function post<T>(url: string, token: string | undefined, payload?: unknown, origin = BANK_ORIGIN) {
    return broker.app
      .inject({
        method: 'POST',
        url,
        headers: { origin, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        ...(payload === undefined ? {} : { payload: payload as object }),
      })
      .then((response) => Object.assign(response, { body: response.body, data: () => response.json<T>() }));
  }

  async function access(assertion: string): Promise<string> {
    const answer = await post<IdentityAccessResponse>('/v1/identity/access', undefined, { assertion });
    assert.equal(answer.statusCode, 201, answer.body);
    assert.equal(answer.headers['cache-control'], 'no-store');
    return answer.data().access_token;
  }

  async function overview(token: string, origin = BANK_ORIGIN) {
    return broker.app.inject({
      method: 'GET',
      url: '/v1/identity',
      headers: { origin, authorization: `Bearer ${token}` },
    });
  }

  /** A login with the code display and its password, typed as `typed` (the user ID the person uses now). */
  async function loginAs(typed: string, seedUserId = BO) {
    const seed = identity(seedUserId);
    const session = await broker.createSession({ user_id: typed });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
    broker.clock.advance(30_000);
    const code = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, {
      code: broker.totp(seed.totp?.['code-display'] ?? ''),
    });
    return { session, code };
  }

  /** A login approved in `app` (it scans the page's QR code). */
  async function loginWithApp(app: AppDevice, userId = ANNA): Promise<string> {
    const session = await broker.createSession({ user_id: userId });
    await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app', device: 'cross' });
    const frame = (await broker.call('GET', `/v1/sessions/${session.id}/qr`, session.token)).json<QrFrameResponse>();
    const scanned = await app.scan(frame.frame);
    assert.equal(scanned.status, 200, JSON.stringify(scanned));
    const opened = (await app.open(scanned.json<AppRequest>().request_id)).ok();
    (await app.decide(opened, 'approve')).ok();
    const status = await broker.status(session.id, session.token);
    assert.equal(status.status, 'complete');
    return status.assertion ?? '';
  }

  describe('the access', () => {
    it('a login’s assertion buys it once, from its own origin; it shows the MitID and ends after its time', async () => {
      const { status } = await loginByCode(broker, BO);
      const elsewhere = await post(
        '/v1/identity/access',
        undefined,
        { assertion: status.assertion },
        'https://evil.example',
      );
      assert.equal(elsewhere.statusCode, 401);
      assert.equal(elsewhere.json().error.code, 'login_required');

      const { status: fresh } = await loginByCode(broker, BO);
      const token = await access(fresh.assertion ?? '');
      const again = await post('/v1/identity/access', undefined, { assertion: fresh.assertion });
      assert.equal(again.json().error.code, 'login_required', 'the assertion works once');
      assert.equal((await requestTicket(broker, fresh.assertion ?? '')).statusCode, 400, 'and not for a ticket either');

      const seen = await overview(token);
      assert.equal(seen.statusCode, 200, seen.body);
      const view = seen.json<IdentityOverview>();
      assert.equal(view.user_id, BO);
      assert.deepEqual(view.settings, { notify_every_use: false });
      assert.deepEqual(
        view.authenticators.map((entry) => [entry.kind, entry.state]),
        [['code-display', 'active']],
      );
      assert.equal((await overview(token, 'https://evil.example')).statusCode, 401, 'another origin');
      assert.equal((await overview('x'.repeat(43))).json().error.code, 'login_required', 'an unknown token');

      broker.clock.advance(broker.app.broker.settings.identityAccessMs + 1);
      assert.equal((await overview(token)).json().error.code, 'login_required', 'expired');
    });

    it('a phished password buys nothing: it is not taken before the code, and a made-up assertion is no login', async () => {
      const session = await broker.createSession({ user_id: BO });
      await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
      const early = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
        password: identity(BO).password,
      });
      assert.notEqual(early.statusCode, 200, early.body);
      assert.equal((await broker.status(session.id, session.token)).assertion, undefined);
      const forged = 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJibyJ9.c2lnbmF0dXJlc2lnbmF0dXJl';
      const bought = await post('/v1/identity/access', undefined, { assertion: forged });
      assert.equal(bought.statusCode, 401);
      assert.equal(bought.json().error.code, 'login_required');
    });

    it('an assertion older than the login-proof window buys nothing', async () => {
      const { status } = await loginByCode(broker, BO);
      broker.clock.advance(broker.app.broker.settings.loginProofMs + 1);
      const late = await post('/v1/identity/access', undefined, { assertion: status.assertion });
      assert.equal(late.statusCode, 401);
    });
  });

  describe('changing the user ID', () => {
    it('refuses a CPR number, the person’s name, a common choice and another’s user ID, with reasons', async () => {
      const token = await access((await loginByCode(broker, BO)).status.assertion ?? '');
      const cases: Array<[string, number, string, string?]> = [
        ['010190-1234', 400, 'user_id_refused', 'cpr'],
        ['BoJensen', 400, 'user_id_refused', 'name'],
        ['password', 400, 'user_id_refused', 'common'],
        [ANNA, 409, 'user_id_taken'],
      ];
      for (const [wanted, code, error, reason] of cases) {
        const answer = await post('/v1/identity/user-id', token, { user_id: wanted });
        assert.equal(answer.statusCode, code, `${wanted}: ${answer.body}`);
        assert.equal(answer.json().error.code, error);
        assert.equal(answer.json().error.reason, reason);
      }
      assert.equal((await overview(token)).json<IdentityOverview>().user_id, BO, 'nothing changed');
    });

    it('the new user ID logs in with the same sub; the old one names no one and stays out of anyone’s reach', async () => {
      const before = await loginByCode(broker, BO);
      const token = await access(before.status.assertion ?? '');
      const changed = await post<ChangeUserIdResponse>('/v1/identity/user-id', token, { user_id: 'Kyst.Bo-42' });
      assert.equal(changed.statusCode, 200, changed.body);
      assert.deepEqual(changed.data(), { user_id: 'Kyst.Bo-42' });
      assert.equal((await overview(token)).json<IdentityOverview>().user_id, 'Kyst.Bo-42');

      // Told to the contact channel, without the new user ID in the message.
      const told = outbox(broker, BO).find((message) => message.notification.kind === 'user-id-changed');
      assert.ok(told);
      assert.deepEqual(told.notification.client_names, ['Netbank A/S']);
      assert.ok(!JSON.stringify(told).toLowerCase().includes('kyst.bo-42'));

      // Typed in another case, the new one logs in, and the bank knows the person by the same sub.
      const { session, code } = await loginAs('kyst.bo-42');
      assert.equal(code.statusCode, 200, code.body);
      const done = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
        password: identity(BO).password,
      });
      assert.equal(done.statusCode, 200, done.body);
      assert.equal(subOf(done.json<{ assertion: string }>().assertion), subOf(before.status.assertion ?? ''));

      // The old one is refused as a user ID that never was: the same answer.
      const old = await loginAs(BO);
      const never = await loginAs('aldrig.nogen');
      assert.equal(old.code.statusCode, never.code.statusCode);
      assert.equal(old.code.json().error.code, never.code.json().error.code);
      assert.equal(old.code.json().error.code, 'wrong_code');

      // Nobody can take the old one; its owner may take it back.
      assert.ok(await broker.app.broker.enrolments['reservations'].heldByOther(BO, 'another-enrolment'));
      const other = await access((await loginWithApp(await activateByLetter(broker, ANNA))) ?? '');
      const stolen = await post('/v1/identity/user-id', other, { user_id: BO });
      assert.equal(stolen.json().error.code, 'user_id_taken');
      const back = await post<ChangeUserIdResponse>('/v1/identity/user-id', token, { user_id: BO });
      assert.equal(back.statusCode, 200, back.body);
      assert.equal((await loginAs(BO)).code.statusCode, 200, 'the old one works again');
      assert.equal((await loginAs('kyst.bo-42')).code.json().error.code, 'wrong_code', 'and the given-up one not');
    });

    it('one access tries a bounded number of user IDs (it cannot probe which are taken)', async () => {
      const token = await access((await loginByCode(broker, BO)).status.assertion ?? '');
      let last = 0;
      for (let index = 0; index < 11; index += 1) {
        last = (await post('/v1/identity/user-id', token, { user_id: `Prøve.Navn${index}x` })).statusCode;
      }
      assert.equal(last, 429);
    });
  });

  describe('the devices', () => {
    /** Anna's app (by her letter), and another app added with a ticket from a login with it: pending. */
    async function ownerAndStranger(): Promise<{ owner: AppDevice; stranger: AppDevice }> {
      const owner = await activateByLetter(broker, ANNA, 'Annas telefon');
      const ticket = (await requestTicket(broker, await loginWithApp(owner))).json<ActivationTicketResponse>();
      const stranger = await AppDevice.activate(injectPort(broker.app), {
        userId: ANNA,
        name: 'Ukendt telefon',
        activationTicket: ticket.activation_ticket,
      });
      return { owner, stranger };
    }

    it('a device added after a login is removed from the bank’s page by the owner’s login; its removal is told', async () => {
      const { owner, stranger } = await ownerAndStranger();
      assert.equal(stranger.state, 'pending');

      const token = await access(await loginWithApp(owner));
      const listed = (await overview(token)).json<IdentityOverview>().authenticators;
      assert.deepEqual(
        listed.map((entry) => [entry.name, entry.state, entry.this_device]),
        [
          ['Annas telefon', 'active', true],
          ['Ukendt telefon', 'pending', false],
        ],
      );
      const removed = await post<RevokeResponse>(`/v1/identity/authenticators/${stranger.deviceId}/revoke`, token);
      assert.equal(removed.statusCode, 200, removed.body);
      assert.deepEqual(removed.data(), { id: stranger.deviceId, state: 'revoked' });
      const told = outbox(broker, ANNA).filter((message) => message.notification.kind === 'authenticator-revoked');
      assert.equal(told[0]?.notification.device_name, 'Ukendt telefon');
      const twice = await post(`/v1/identity/authenticators/${stranger.deviceId}/revoke`, token);
      assert.equal(twice.statusCode, 404);
    });

    it('a device slipped in cannot throw out the owner’s app from the bank’s page, once it is active', async () => {
      const { owner, stranger } = await ownerAndStranger();
      broker.clock.advance(WAIT_MS + 1);
      const token = await access(await loginWithApp(stranger));
      const refused = await post(`/v1/identity/authenticators/${owner.deviceId}/revoke`, token);
      assert.equal(refused.statusCode, 404, refused.body);
      assert.equal((await loginWithApp(owner)).length > 0, true, 'the owner’s app still logs in');
    });

    it('the last way to log in cannot be removed; a code device counts as one', async () => {
      const only = await activateByLetter(broker, ANNA, 'Annas telefon');
      const token = await access(await loginWithApp(only));
      const refused = await post(`/v1/identity/authenticators/${only.deviceId}/revoke`, token);
      assert.equal(refused.statusCode, 409);
      assert.equal(refused.json().error.code, 'last_authenticator');

      const bosApp = await activateByLetter(broker, BO, 'Bos telefon');
      const bo = await access((await loginByCode(broker, BO)).status.assertion ?? '');
      assert.equal((await post(`/v1/identity/authenticators/${bosApp.deviceId}/revoke`, bo)).statusCode, 200);
    });

    it('a ticket for a new device, as many as the access lasts; the new app waits', async () => {
      const token = await access((await loginByCode(broker, BO)).status.assertion ?? '');
      const first = await post<ActivationTicketResponse>('/v1/identity/activation-ticket', token);
      assert.equal(first.statusCode, 201, first.body);
      assert.deepEqual(first.data().kinds, ['app']);
      const app = await AppDevice.activate(injectPort(broker.app), {
        userId: BO,
        name: 'Bos nye telefon',
        activationTicket: first.data().activation_ticket,
      });
      assert.equal(app.state, 'pending');
      assert.equal((await post('/v1/identity/activation-ticket', token)).statusCode, 201);
    });
  });

  it('“tell me every time” turned on from the bank’s page; the next login is told', async () => {
    const token = await access((await loginByCode(broker, BO)).status.assertion ?? '');
    const on = await post('/v1/identity/settings', token, { notify_every_use: true });
    assert.deepEqual(on.json(), { notify_every_use: true });
    await loginByCode(broker, BO);
    assert.ok(outbox(broker, BO).some((message) => message.notification.kind === 'mitid-used'));
    const bad = await post('/v1/identity/settings', token, { notify_every_use: 'yes' });
    assert.equal(bad.statusCode, 400);
  });
});
