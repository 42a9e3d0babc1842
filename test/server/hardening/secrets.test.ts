/**
 * Secrets stay secret (issue 10, item 8). The broker's own logger (Fastify's pino) at debug level writes into a
 * stream while every method runs end to end — code display, code reader, chip (enrolment and login), app
 * cross-device and same-device, an approval — plus wrong codes and passwords, an app activation, a long-poll, an
 * event stream and malformed bodies that carry secrets. Then every user ID, code, password, session token, device
 * token, enrolment token, assertion (and its signature part and jti), approval signature, WebAuthn signature and
 * TOTP secret used is searched for in the captured lines: zero hits.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type {
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/server';
import type { QrFrameResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import type { AppRequest } from '../../../protocol/app-api.js';
import { activateByLetter, newLetter } from '../support/identity.js';
import { SoftwareAuthenticator } from '../support/authenticator.js';
import { BANK_ORIGIN, identity, startBroker, type TestBroker } from '../support/broker.js';
import { openStream } from '../support/sse.js';

describe('hardening: secrets never reach the logs', () => {
  it('no user ID, code, password, token, assertion or signature in any log line of every flow', async (t) => {
    const lines: string[] = [];
    const broker: TestBroker = await startBroker({
      logger: { level: 'debug', stream: { write: (line) => lines.push(line) } },
    });
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    const base = `http://127.0.0.1:${address.port}`;
    const secrets = new Map<string, string>();
    const keep = (what: string, value: string | undefined) => {
      if (value) secrets.set(value, what);
    };
    const finished: SessionStatusEvent[] = [];

    // Code display and code reader: a wrong code, a wrong password, then the right ones; followed by a stream.
    for (const [userId, method] of [
      ['bo.kodeviser', 'code-display'],
      ['clara.lyd', 'code-reader'],
    ] as const) {
      const seed = identity(userId);
      const session = await broker.createSession({ user_id: userId });
      const url = `/v1/sessions/${session.id}`;
      keep('session token', session.token);
      const stream = await openStream(`${base}${url}/events`, session.token);
      await broker.call('POST', `${url}/method`, session.token, { method });
      await broker.call('POST', `${url}/code`, session.token, { code: '000001' });
      broker.clock.advance(30_000);
      const code = broker.totp(seed.totp?.[method] ?? '');
      keep('code', code);
      keep('TOTP secret', seed.totp?.[method]);
      await broker.call('POST', `${url}/code`, session.token, { code });
      await broker.call('POST', `${url}/password`, session.token, { password: 'Wrong-Password-1' });
      keep('wrong password', 'Wrong-Password-1');
      const done = await broker.call('POST', `${url}/password`, session.token, { password: seed.password });
      finished.push(done.json<SessionStatusEvent>());
      await broker.call('GET', `${url}?wait=0&after=0`, session.token);
      while ((await stream.next()).status === 'pending');
      keep('user ID', userId);
      keep('password', seed.password);
    }

    // Chip: enrolment with the letter, then the security key + password.
    const dan = identity('dan.chip');
    const key = new SoftwareAuthenticator();
    const letter = await newLetter(broker, dan.userId);
    keep('activation code', letter);
    const started = await broker.app.inject({
      method: 'POST',
      url: '/v1/enrol/chip/options',
      headers: { origin: BANK_ORIGIN },
      payload: { user_id: dan.userId, activation_code: letter },
    });
    const { enrolment_token, options } = started.json<{
      enrolment_token: string;
      options: PublicKeyCredentialCreationOptionsJSON;
    }>();
    keep('enrolment token', enrolment_token);
    const registration = key.create(options, BANK_ORIGIN);
    keep('attestation', registration.response.attestationObject);
    assert.equal(
      (
        await broker.app.inject({
          method: 'POST',
          url: '/v1/enrol/chip',
          payload: { enrolment_token, response: registration },
        })
      ).statusCode,
      201,
    );
    const chip = await broker.createSession({ user_id: dan.userId });
    keep('session token', chip.token);
    const chipUrl = `/v1/sessions/${chip.id}`;
    await broker.call('POST', `${chipUrl}/method`, chip.token, { method: 'chip' });
    const requestOptions = (
      await broker.call('POST', `${chipUrl}/webauthn/options`, chip.token)
    ).json<PublicKeyCredentialRequestOptionsJSON>();
    keep('WebAuthn challenge', requestOptions.challenge);
    const authentication = key.get(requestOptions, BANK_ORIGIN);
    keep('WebAuthn signature', authentication.response.signature);
    await broker.call('POST', `${chipUrl}/webauthn`, chip.token, { response: authentication });
    finished.push(
      (
        await broker.call('POST', `${chipUrl}/password`, chip.token, { password: dan.password })
      ).json<SessionStatusEvent>(),
    );
    keep('user ID', dan.userId);
    keep('password', dan.password);

    // App: activation, a cross-device login, a same-device approval with a text.
    const anna = identity('anna.app');
    const phone = await activateByLetter(broker, anna.userId, 'Annas telefon');
    keep('device token', phone.token);
    keep('user ID', anna.userId);
    keep('password', anna.password);
    const cross = await broker.createSession({ user_id: anna.userId });
    keep('session token', cross.token);
    await broker.call('POST', `/v1/sessions/${cross.id}/method`, cross.token, { method: 'app' });
    const { frame } = (await broker.call('GET', `/v1/sessions/${cross.id}/qr`, cross.token)).json<QrFrameResponse>();
    keep('QR frame', frame);
    const request = (await phone.scan(frame)).json<AppRequest>();
    await phone.open(request.request_id);
    const signature = phone.signature(request, 'approve');
    keep('approval signature', signature);
    keep('app challenge', request.challenge);
    await phone.decide(request, 'approve', signature);
    finished.push(await broker.status(cross.id, cross.token));
    await phone.call('GET', '/v1/app/notifications');

    const text = 'Overførsel af 2.300 kr. til konto 9978 000123456';
    const approval = await broker.createSession({
      user_id: anna.userId,
      mode: 'approve',
      transaction: { text },
    });
    keep('session token', approval.token);
    const same = await broker.call('POST', `/v1/sessions/${approval.id}/method`, approval.token, {
      method: 'app',
      device: 'same',
    });
    const appLink = same.json<{ app_link?: string }>().app_link;
    assert.ok(appLink);
    keep('app link secret', new URLSearchParams(appLink.slice(appLink.indexOf('#') + 1)).get('secret') ?? undefined);
    const opened = (await phone.openLink(appLink)).json<AppRequest>();
    const approvalSignature = phone.signature(opened, 'approve');
    keep('approval signature', approvalSignature);
    await phone.decide(opened, 'approve', approvalSignature);
    finished.push(await broker.status(approval.id, approval.token));

    // Malformed requests that carry secrets in a body, a header or a query.
    await broker.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { 'content-type': 'application/json', origin: BANK_ORIGIN },
      payload: `{"user_id":"${anna.userId}","password":"${anna.password}"`,
    });
    await broker.app.inject({
      method: 'POST',
      url: '/v1/app/activate',
      payload: { user_id: anna.userId, password: anna.password, device_public_key: 'x', device_name: 'y' },
    });
    await broker.app.inject({ method: 'GET', url: `/v1/sessions/${cross.id}?token=${cross.token}` });
    await broker.app.inject({ method: 'GET', url: `/v1/app/requests?device_token=${phone.token}&user=${anna.userId}` });
    await broker.app.inject({ method: 'GET', url: `/nowhere/${phone.token}` });

    for (const status of finished) {
      assert.equal(status.status, 'complete');
      keep('assertion', status.assertion);
      keep('assertion signature', status.assertion?.split('.')[2]);
      keep('assertion payload', status.assertion?.split('.')[1]);
      keep('jti', String(decodeJwt(status.assertion ?? '').jti));
    }
    assert.equal(broker.app.log.level, 'debug');
    await broker.close();

    t.diagnostic(`${lines.length} log lines, ${secrets.size} distinct secrets searched`);
    assert.ok(lines.length > 50, 'requests are logged');
    for (const [secret, what] of secrets) {
      assert.ok(secret.length >= 6, `${what} is long enough to search for`);
      const leaking = lines.find((line) => line.toLowerCase().includes(secret.toLowerCase()));
      assert.equal(leaking, undefined, `${what} reached the log: ${leaking}`);
    }
    assert.ok(!lines.some((line) => /authorization|bearer/i.test(line)), 'no headers in logs');
  });
});
