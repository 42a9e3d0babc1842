import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  createRemoteJWKSet,
  decodeProtectedHeader,
  exportJWK,
  generateKeyPair,
  jwtVerify,
  type JSONWebKeySet,
} from 'jose';
import { ACR } from '../../protocol/page-api.js';
import { MemoryReplayStore, verifyAssertion } from '../../verify/index.js';
import { pairwiseSubject } from '../../server/signing/assertion.js';
import { BANK_ORIGIN, loginByCode, NONCE, PUBLIC_URL, startBroker, type TestBroker } from './support/broker.js';

describe('assertions, keys and discovery', () => {
  let broker: TestBroker;
  let base: string;
  before(async () => {
    // No publicUrl: the issuer must follow the port the broker was bound to.
    broker = await startBroker({ publicUrl: undefined });
    await broker.app.listen({ port: 0, host: '127.0.0.1' });
    const address = broker.app.server.address();
    if (!address || typeof address === 'string') throw new Error('no port');
    base = `http://localhost:${address.port}`;
  });
  after(() => broker.close());

  it('publishes a discovery document whose issuer is the bound URL', async () => {
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    assert.equal(discovery.issuer, base);
    assert.equal(discovery.jwks_uri, `${base}/.well-known/jwks.json`);
    assert.deepEqual(discovery.id_token_signing_alg_values_supported, ['ES256']);
    assert.ok((discovery.acr_values_supported as string[]).includes(ACR.high));
  });

  it('an assertion verifies with plain jose against the discovery document’s jwks_uri', async () => {
    const { status } = await loginByCode(broker);
    const discovery = (await (await fetch(`${base}/.well-known/openid-configuration`)).json()) as {
      issuer: string;
      jwks_uri: string;
    };
    const { payload, protectedHeader } = await jwtVerify(
      status.assertion ?? '',
      createRemoteJWKSet(new URL(discovery.jwks_uri)),
      {
        issuer: discovery.issuer,
        audience: 'netbank',
        algorithms: ['ES256'],
        currentDate: new Date(broker.clock.now()),
      },
    );
    assert.equal(protectedHeader.alg, 'ES256');
    assert.ok(protectedHeader.kid);
    assert.equal(payload.nonce, NONCE);
    assert.equal(payload.iss, base);
    assert.equal(typeof payload.jti, 'string');
    assert.ok((payload.exp ?? 0) - (payload.iat ?? 0) <= 300, 'short-lived');
    assert.equal(payload.auth_time, payload.iat);
  });

  it('verifyAssertion accepts it with jwksUrl, then refuses its replay', async () => {
    const { status } = await loginByCode(broker);
    const replayStore = new MemoryReplayStore(() => broker.clock.now());
    const options = {
      issuer: base,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwksUrl: `${base}/.well-known/jwks.json`,
      replayStore,
      currentDate: new Date(broker.clock.now()),
    };
    const claims = await verifyAssertion(status.assertion ?? '', options);
    assert.equal(claims.acr, ACR.substantial);
    await assert.rejects(verifyAssertion(status.assertion ?? '', options), { code: 'replayed' });
  });

  it('sub is a pairwise pseudonym: stable per client, different across clients', async () => {
    const secret = broker.app.broker.subjectSecret;
    const first = await loginByCode(broker);
    const second = await loginByCode(broker);
    const subject = (jws: string | undefined) =>
      JSON.parse(Buffer.from((jws ?? '').split('.')[1] ?? '', 'base64url').toString()).sub as string;
    assert.equal(subject(first.status.assertion), subject(second.status.assertion));
    assert.equal(subject(first.status.assertion), pairwiseSubject(secret, 'netbank', 'bo.kodeviser'));
    const elsewhere = await loginByCode(broker, 'bo.kodeviser', { client_id: 'kommune' });
    assert.notEqual(subject(elsewhere.status.assertion), subject(first.status.assertion));
  });

  it('an approval verifies only against its exact text, and never as a login', async () => {
    const text = 'Godkend <img src=x onerror=alert(1)> & "betal" 2.300 kr.\nkonto 9978 000123456';
    const { status } = await loginByCode(broker, 'bo.kodeviser', { mode: 'approve', transaction: { text } });
    const expect = {
      issuer: base,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwksUrl: `${base}/.well-known/jwks.json`,
      currentDate: new Date(broker.clock.now()),
    };
    const claims = await verifyAssertion(status.assertion ?? '', { ...expect, expectedTransactionText: text });
    assert.equal(claims.txn?.text, text, 'markup is kept literally');
    await assert.rejects(
      verifyAssertion(status.assertion ?? '', { ...expect, expectedTransactionText: text.replace('2.300', '23.000') }),
      { code: 'transaction_mismatch' },
    );
    await assert.rejects(verifyAssertion(status.assertion ?? '', expect), { code: 'wrong_mode' });
    const { status: login } = await loginByCode(broker);
    await assert.rejects(verifyAssertion(login.assertion ?? '', { ...expect, expectedTransactionText: text }), {
      code: 'wrong_mode',
    });
  });

  it('key rotation: old assertions verify until they expire, and the JWKS lists both keys meanwhile', async () => {
    const { status: before } = await loginByCode(broker);
    const oldKid = decodeProtectedHeader(before.assertion ?? '').kid;
    const newKid = await broker.app.broker.keys.rotate();
    assert.notEqual(newKid, oldKid);
    const { status: afterRotation } = await loginByCode(broker);
    assert.equal(decodeProtectedHeader(afterRotation.assertion ?? '').kid, newKid);

    const jwks = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    assert.deepEqual(jwks.keys.map((key) => key.kid).sort(), [oldKid, newKid].sort());
    const verifyAt = (jws: string | undefined, keys: JSONWebKeySet) =>
      verifyAssertion(jws ?? '', {
        issuer: base,
        audience: 'netbank',
        nonce: NONCE,
        origin: BANK_ORIGIN,
        jwks: keys,
        currentDate: new Date(broker.clock.now()),
      });
    await verifyAt(before.assertion, jwks);
    await verifyAt(afterRotation.assertion, jwks);

    // Once every assertion of the old key has expired, the old key is no longer published.
    broker.clock.advance((broker.app.broker.settings.assertionTtlSeconds + 61) * 1000);
    const later = (await (await fetch(`${base}/.well-known/jwks.json`)).json()) as JSONWebKeySet;
    assert.deepEqual(
      later.keys.map((key) => key.kid),
      [newKid],
    );
    await assert.rejects(verifyAt(before.assertion, later), { code: 'unknown_key' });
  });
});

describe('stored signing keys', () => {
  it('a broker started from private JWKs signs with the last and publishes all; another instance verifies alike', async () => {
    const makeKey = async (kid: string) => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      return { ...(await exportJWK(privateKey)), kid };
    };
    const signingKeys = { keys: [await makeKey('old'), await makeKey('current')] };
    const first = await startBroker({ signingKeys });
    const second = await startBroker({ signingKeys });
    const { status } = await loginByCode(first);
    assert.equal(decodeProtectedHeader(status.assertion ?? '').kid, 'current');
    const jwks = (await second.app.inject({ url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
    assert.deepEqual(
      jwks.keys.map((key) => key.kid),
      ['old', 'current'],
    );
    assert.ok(
      jwks.keys.every((key) => !('d' in key)),
      'no private part is published',
    );
    const claims = await verifyAssertion(status.assertion ?? '', {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      nonce: NONCE,
      origin: BANK_ORIGIN,
      jwks,
      currentDate: new Date(first.clock.now()),
    });
    assert.equal(claims.aud, 'netbank');
    await first.close();
    await second.close();
  });
});
