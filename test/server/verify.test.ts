import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CompactSign, exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import {
  AssertionError,
  MemoryReplayStore,
  sha256Hex,
  verifyAssertion,
  type VerifyOptions,
} from '../../verify/index.js';
import { ACR } from '../../protocol/page-api.js';
import { canonicalJson, transactionRendering } from '../../protocol/transaction.js';

const ISSUER = 'https://broker.example';
const NOW = new Date('2026-06-01T12:00:00Z');
const nowSeconds = Math.floor(NOW.getTime() / 1000);
const TEXT = 'Overførsel af 2.300 kr. til konto 9978 000123456';

let privateKey: CryptoKey;
let jwk: JWK;

function baseClaims(): JWTPayload {
  return {
    iss: ISSUER,
    aud: 'netbank',
    sub: 'pairwise-sub',
    iat: nowSeconds,
    exp: nowSeconds + 120,
    auth_time: nowSeconds,
    jti: `jti-${Math.random()}`,
    nonce: 'nonce-0123456789abcdef',
    origin: 'https://bank.example',
    acr: ACR.substantial,
    amr: ['otp', 'pwd', 'mfa'],
    method: 'code-display',
    mode: 'login',
    name: 'Bo Jensen',
  };
}

function sign(claims: JWTPayload, key = privateKey, kid = 'k1', alg = 'ES256'): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(key);
}

function options(extra: Partial<VerifyOptions> = {}): VerifyOptions {
  return {
    issuer: ISSUER,
    audience: 'netbank',
    nonce: 'nonce-0123456789abcdef',
    origin: 'https://bank.example',
    jwks: { keys: [jwk] },
    currentDate: NOW,
    ...extra,
  };
}

async function rejection(jws: string, extra: Partial<VerifyOptions> = {}): Promise<string> {
  try {
    await verifyAssertion(jws, options(extra));
  } catch (error) {
    assert.ok(error instanceof AssertionError, `an AssertionError, not ${String(error)}`);
    return error.code;
  }
  return 'accepted';
}

describe('verifyAssertion', () => {
  before(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256' };
  });

  it('accepts a good login and a good approval', async () => {
    const claims = await verifyAssertion(await sign(baseClaims()), options());
    assert.equal(claims.sub, 'pairwise-sub');
    const approval = { ...baseClaims(), mode: 'approve', txn: { text: TEXT, sha256: sha256Hex(TEXT) } };
    const approved = await verifyAssertion(await sign(approval), options({ expectedTransactionText: TEXT }));
    assert.equal(approved.txn?.text, TEXT);
    const forTheUser = await verifyAssertion(
      await sign({ ...approval, jti: `jti-${Math.random()}` }),
      options({ expectedTransactionText: TEXT, expectedSub: 'pairwise-sub' }),
    );
    assert.equal(forTheUser.sub, 'pairwise-sub', 'expectedSub: the same subject is accepted');
  });

  it('expectedTransaction: the fields, the details hash and the rendering must all be those of the expected payment', async () => {
    const details = {
      kind: 'payment' as const,
      amount: { value: '2300.00', currency: 'DKK' },
      payee: { name: 'Jens Hansen', account: { reg: '9978', number: '000123456' } },
    };
    const text = transactionRendering(details, 'da');
    const txn = { text, sha256: sha256Hex(text), details, details_sha256: sha256Hex(canonicalJson(details)) };
    const approval = (change: object = {}) => sign({ ...baseClaims(), mode: 'approve', txn: { ...txn, ...change } });
    const expected = { expectedTransaction: details };
    assert.deepEqual((await verifyAssertion(await approval(), options(expected))).txn?.details, details);
    // The English rendering of the same details is as good.
    const english = transactionRendering(details, 'en');
    await verifyAssertion(await approval({ text: english, sha256: sha256Hex(english) }), options(expected));
    const mismatches: Array<[string, object]> = [
      ['another amount', { details: { ...details, amount: { value: '2300.01', currency: 'DKK' } } }],
      ['another currency', { details: { ...details, amount: { value: '2300.00', currency: 'EUR' } } }],
      ['"2300" for "2300.00"', { details: { ...details, amount: { value: '2300', currency: 'DKK' } } }],
      ['a reference added', { details: { ...details, reference: 'x' } }],
      ['a hash not of the details', { details_sha256: sha256Hex('{}') }],
      ['a text that is not their rendering', { text: TEXT, sha256: sha256Hex(TEXT) }],
      ['no details (a free text)', { details: undefined, details_sha256: undefined }],
    ];
    for (const [what, change] of mismatches) {
      await assert.rejects(verifyAssertion(await approval(change), options(expected)), (error: unknown) => {
        assert.ok(error instanceof AssertionError, what);
        assert.equal(error.code, 'transaction_mismatch', what);
        return true;
      });
    }
    // A login is never a payment's approval.
    await assert.rejects(verifyAssertion(await sign(baseClaims()), options(expected)), { code: 'wrong_mode' });
  });

  it('rejects each kind of bad assertion with its own code', async () => {
    const good = await sign(baseClaims());
    const [header = '', payload = '', signature = ''] = good.split('.');
    const otherPair = await generateKeyPair('ES256');
    const hs = new TextEncoder().encode('a'.repeat(32));
    const cases: Array<[string, string | Promise<string>, Partial<VerifyOptions>?]> = [
      ['malformed', 'not-a-jws'],
      [
        'malformed',
        new CompactSign(new TextEncoder().encode('{not json'))
          .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
          .sign(privateKey),
      ],
      ['malformed', sign({ ...baseClaims(), nonce: undefined })],
      ['bad_signature', `${header}.${payload}.${signature.slice(0, -4)}AAAA`],
      ['bad_signature', sign(baseClaims(), otherPair.privateKey)],
      ['bad_signature', new SignJWT(baseClaims()).setProtectedHeader({ alg: 'HS256', kid: 'k1' }).sign(hs)],
      ['unknown_key', sign(baseClaims(), otherPair.privateKey, 'k2')],
      ['wrong_issuer', sign({ ...baseClaims(), iss: 'https://evil.example' })],
      ['wrong_audience', sign({ ...baseClaims(), aud: 'other-client' })],
      ['expired', sign({ ...baseClaims(), iat: nowSeconds - 600, exp: nowSeconds - 300 })],
      ['not_yet_valid', sign({ ...baseClaims(), iat: nowSeconds + 600, exp: nowSeconds + 720 })],
      ['not_yet_valid', sign({ ...baseClaims(), nbf: nowSeconds + 600 })],
      ['wrong_nonce', sign({ ...baseClaims(), nonce: 'another-nonce-0123456' })],
      ['wrong_origin', sign({ ...baseClaims(), origin: 'https://evil.example' })],
      ['wrong_subject', sign(baseClaims()), { expectedSub: 'another-pairwise-sub' }],
      ['wrong_mode', sign(baseClaims()), { expectedTransactionText: TEXT }],
      ['wrong_mode', sign({ ...baseClaims(), mode: 'approve', txn: { text: TEXT, sha256: sha256Hex(TEXT) } })],
      [
        'transaction_mismatch',
        sign({ ...baseClaims(), mode: 'approve', txn: { text: TEXT, sha256: sha256Hex(TEXT) } }),
        { expectedTransactionText: TEXT.replace('2.300', '23.000') },
      ],
      [
        'transaction_mismatch',
        sign({ ...baseClaims(), mode: 'approve', txn: { text: TEXT, sha256: sha256Hex('other') } }),
        { expectedTransactionText: TEXT },
      ],
      ['jwks_unavailable', sign(baseClaims()), { jwks: undefined, jwksUrl: 'http://127.0.0.1:9/jwks.json' }],
      ['insufficient_acr', sign(baseClaims()), { minimumAcr: 'high' }],
    ];
    const seen: string[] = [];
    for (const [expected, token, extra] of cases) {
      const code = await rejection(await token, extra);
      assert.equal(code, expected, `case ${seen.length} (${expected})`);
      seen.push(code);
    }
    const store = new MemoryReplayStore(() => NOW.getTime());
    const once = await sign(baseClaims());
    assert.equal(await rejection(once, { replayStore: store }), 'accepted');
    assert.equal(await rejection(once, { replayStore: store }), 'replayed');
    seen.push('replayed');
    assert.deepEqual(
      [...new Set(seen)].sort(),
      [
        'bad_signature',
        'expired',
        'insufficient_acr',
        'jwks_unavailable',
        'malformed',
        'not_yet_valid',
        'replayed',
        'transaction_mismatch',
        'unknown_key',
        'wrong_audience',
        'wrong_issuer',
        'wrong_mode',
        'wrong_nonce',
        'wrong_origin',
        'wrong_subject',
      ],
      'every VerifyErrorCode is exercised',
    );
  });

  it('refuses a replay by default, with no replayStore given; replayStore: false is the explicit opt-out', async () => {
    const once = await sign(baseClaims());
    assert.equal(await rejection(once), 'accepted');
    assert.equal(await rejection(once), 'replayed', 'the default in-memory store remembers the jti');
    const unguarded = await sign(baseClaims());
    assert.equal(await rejection(unguarded, { replayStore: false }), 'accepted');
    assert.equal(await rejection(unguarded, { replayStore: false }), 'accepted', 'opted out: nothing is remembered');
    // The default store forgets a jti once the assertion has expired (at the verification time), not before.
    const later = await sign(baseClaims());
    assert.equal(await rejection(later), 'accepted');
    const beforeExpiry = new Date(NOW.getTime() + 140_000);
    assert.equal(await rejection(later, { currentDate: beforeExpiry }), 'replayed');
  });

  it('minimumAcr: an assertion below the level the relying party demands is refused with insufficient_acr', async () => {
    const at = async (acr: string, minimumAcr: VerifyOptions['minimumAcr']) =>
      rejection(await sign({ ...baseClaims(), acr }), { minimumAcr });
    assert.equal(await at(ACR.substantial, 'substantial'), 'accepted');
    assert.equal(await at(ACR.high, 'substantial'), 'accepted');
    assert.equal(await at(ACR.high, ACR.high), 'accepted', 'the NSIS URI works as well as the name');
    assert.equal(await at(ACR.low, 'substantial'), 'insufficient_acr');
    assert.equal(await at(ACR.substantial, 'high'), 'insufficient_acr');
    assert.equal(await at(ACR.substantial, ACR.high), 'insufficient_acr');
    // A level the verifier does not know is never taken for enough, nor is a level's bare name in the claim.
    assert.equal(await at('https://evil.example/loa/Ultra', 'low'), 'insufficient_acr');
    assert.equal(await at('high', 'low'), 'insufficient_acr');
    assert.equal(await at('https://evil.example/loa/Ultra', undefined), 'accepted', 'no minimum: any level');
    await assert.rejects(
      verifyAssertion(await sign(baseClaims()), options({ minimumAcr: 'ultra' as 'high' })),
      /unknown minimumAcr/,
    );
  });

  it('tolerates small clock skew', async () => {
    const skewed = await sign({ ...baseClaims(), iat: nowSeconds + 20, exp: nowSeconds + 140 });
    assert.equal(await rejection(skewed), 'accepted');
    const justExpired = await sign({ ...baseClaims(), iat: nowSeconds - 140, exp: nowSeconds - 20 });
    assert.equal(await rejection(justExpired), 'accepted');
  });

  it('needs a key set', async () => {
    await assert.rejects(verifyAssertion(await sign(baseClaims()), options({ jwks: undefined })), TypeError);
  });
});
