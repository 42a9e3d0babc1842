/**
 * The fixtures: a session in the state a kind starts from (fresh, waiting for a code or the key, scanned or opened
 * in Anna's app, finished, locked, out of extensions) or a chip enrolment under way, with the tokens the kinds
 * borrow or swap, or an access to Clara's own MitID after a login.
 */
import { ACR, type QrFrameResponse } from '../../../../protocol/page-api.js';
import type { AppRequest } from '../../../../protocol/app-api.js';
import type { AppDevice } from '../../../../testing/node/index.js';
import { activateByLetter, newLetter } from '../../support/identity.js';
import { BANK_ORIGIN, identity, type TestBroker } from '../../support/broker.js';
import { anna, dan, type Ctx, type Fixture } from './endpoints.js';

export class Fixtures {
  private annaSession: { id: string; token: string } | undefined;
  device!: AppDevice;
  stranger!: AppDevice;
  counter = 0;

  constructor(private readonly broker: TestBroker) {}

  async setUp(): Promise<void> {
    this.device = await activateByLetter(this.broker, anna.userId, 'Fuzz phone');
    const eva = identity('eva.flere');
    this.stranger = await activateByLetter(this.broker, eva.userId, 'Stranger');
  }

  private async session(userId: string) {
    return this.broker.createSession({ user_id: userId });
  }

  private async post(id: string, token: string, step: string, body?: unknown) {
    const response = await this.broker.call('POST', `/v1/sessions/${id}/${step}`, token, body);
    if (response.statusCode >= 300 && !(step === 'code' && response.statusCode < 500)) {
      throw new Error(`fixture ${step}: ${response.statusCode} ${response.body}`);
    }
    return response;
  }

  /** A second pending session, whose token the kinds offer to the first; one per pass. */
  other: { id: string; token: string } | undefined;

  async make(fixture: Fixture): Promise<Ctx> {
    this.other ??= await this.session('fz.other');
    const other = this.other;
    const ctx: Ctx = {
      id: other.id,
      token: other.token,
      otherToken: other.token,
      deviceToken: this.device.token,
      strangerToken: this.stranger.token,
      requestId: 'none',
      frame: 'none',
      enrolmentToken: 'x'.repeat(43),
      accessToken: 'x'.repeat(43),
    };
    if (fixture === 'none') return ctx;
    if (fixture === 'pageEnrolment') {
      // Made through the service: the client authentication of POST /v1/enrolments is fuzzed on its own.
      const broker = this.broker.app.broker;
      const client = broker.clients.get('netbank');
      if (!client) throw new Error('fixture pageEnrolment: no netbank client');
      const created = await broker.enrolments.create(client, { customerRef: 'K-fuzz', name: 'Fuzz Person' });
      ctx.enrolmentToken = created.enrolment_token;
      await broker.enrolments.acceptTerms(ctx.enrolmentToken, BANK_ORIGIN);
      return ctx;
    }
    if (fixture === 'identityAccess') {
      // Made through the services: a login completed for Clara, and its assertion traded (the trade is fuzzed on
      // its own). A fresh access each time: its user-ID tries are bounded.
      const broker = this.broker.app.broker;
      const assertion = `fz.login.${this.counter++}`;
      await broker.proofs.rememberLogin(assertion, {
        userId: 'clara.lyd',
        acr: ACR.substantial,
        origin: BANK_ORIGIN,
        clientName: 'Netbank A/S',
        completedAt: broker.clock.now(),
      });
      ctx.accessToken = (await broker.identityAccess.open(assertion, BANK_ORIGIN)).token;
      return ctx;
    }
    if (fixture === 'enrolment') {
      const response = await this.broker.app.inject({
        method: 'POST',
        url: '/v1/enrol/chip/options',
        headers: { origin: BANK_ORIGIN },
        payload: { user_id: dan.userId, activation_code: await newLetter(this.broker, dan.userId) },
      });
      ctx.enrolmentToken = response.json<{ enrolment_token: string }>().enrolment_token;
      return ctx;
    }
    const annaFixture = fixture.startsWith('anna');
    if (annaFixture && this.annaSession) {
      // One pending app request for Anna at a time: a second would stop both (parallel-session).
      await this.broker.call('POST', `/v1/sessions/${this.annaSession.id}/cancel`, this.annaSession.token);
    }
    // Anna's fixtures need her app; every other one gets a user ID of its own, since wrong tries now count per
    // user ID: a shared one would be blocked after a few kinds and refuse the next fixture's method.
    const userId = annaFixture ? anna.userId : `fz.user${this.counter++}`;
    const own = await this.session(userId);
    Object.assign(ctx, { id: own.id, token: own.token });
    if (annaFixture) this.annaSession = own;
    switch (fixture) {
      case 'fresh':
        return ctx;
      case 'finished':
        await this.post(own.id, own.token, 'cancel');
        return ctx;
      case 'extendedOut':
        for (let i = 0; i < this.broker.app.broker.settings.maxExtensions; i += 1)
          await this.post(own.id, own.token, 'extend');
        return ctx;
      case 'code':
      case 'locked':
        await this.post(own.id, own.token, 'method', { method: 'code-display' });
        if (fixture === 'locked')
          for (let i = 0; i < this.broker.app.broker.settings.failureLimit; i += 1)
            await this.post(own.id, own.token, 'code', { code: '000000' });
        return ctx;
      case 'chip':
      case 'chipReady':
      case 'chipOptions':
        // The key comes first now: 'chip' and 'chipReady' are the same step (waiting for the key).
        await this.post(own.id, own.token, 'method', { method: 'chip' });
        if (fixture === 'chipOptions') await this.post(own.id, own.token, 'webauthn/options');
        return ctx;
      default: {
        await this.post(own.id, own.token, 'method', { method: 'app' });
        const qr = await this.broker.call('GET', `/v1/sessions/${own.id}/qr`, own.token);
        ctx.frame = qr.json<QrFrameResponse>().frame;
        if (!annaFixture) return ctx;
        // Not listed before it is scanned: the app learns a request only from its QR code (or its link).
        ctx.requestId = (await this.broker.app.broker.store.get(own.id))?.app?.requestId ?? 'none';
        if (fixture === 'annaCross') return ctx;
        const scanned = await this.device.scan(ctx.frame);
        if (scanned.status !== 200) throw new Error(`fixture scan: ${scanned.text}`);
        if (fixture === 'annaOpened') {
          const opened = await this.device.open(ctx.requestId);
          if (opened.status !== 200) throw new Error(`fixture open: ${opened.text}`);
          ctx.requestId = opened.json<AppRequest>().request_id;
        }
        return ctx;
      }
    }
  }
}
