/**
 * The EU Digital Identity Wallet as a method (issue 24), the verifier's part: a PID from the demo issuer, presented
 * as a wallet presents it (SD-JWT VC, only the claims the person agreed to disclose, a key-binding JWT over the
 * request's nonce and audience), verified against the trust list. Refused, each with its own reason: an untrusted
 * issuer, a wrong nonce or audience, an old key binding, another wallet's key, an altered disclosure, a required
 * claim left undisclosed, an expired PID, and for a payment altered transaction data.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { JWK } from 'jose';
import { es256Signer, newEs256Pair, salt, sha256Hasher, type Es256Pair } from '../../../server/wallet/es256.js';
import { DemoPidIssuer } from '../../../server/wallet/pid-issuer.js';
import type { PidClaim, PidData } from '../../../server/wallet/pid.js';
import {
  PidVerifier,
  PresentationError,
  transactionDataHash,
  type PresentationProblem,
  type PresentationRequest,
} from '../../../server/wallet/pid-verifier.js';

const ISSUER = 'https://pid.demo.example';
const VERIFIER = 'x509_san_dns:broker.example';
const NONCE = 'n-wallet-0123456789abcdef';
const ANNA: PidData = {
  given_name: 'Anna',
  family_name: 'Hansen',
  birthdate: '1990-01-01',
  age_over_18: true,
  nationalities: ['DK'],
};

/** The wallet's side: its key, its PID, and a presentation of chosen claims with a key-binding JWT. */
class TestWallet {
  readonly key: Es256Pair = newEs256Pair();
  credential = '';

  async present(
    disclose: readonly PidClaim[],
    kb: { nonce?: string; aud?: string; iat?: number; transaction_data_hashes?: string[] } = {},
    signer: Es256Pair = this.key,
  ): Promise<string> {
    const sdjwt = new SDJwtVcInstance({
      hasher: sha256Hasher,
      saltGenerator: salt,
      kbSigner: es256Signer(signer.privateKey),
      kbSignAlg: 'ES256',
    });
    const frame = Object.fromEntries(disclose.map((claim) => [claim, true]));
    return sdjwt.present(this.credential, frame, {
      kb: {
        payload: {
          nonce: kb.nonce ?? NONCE,
          aud: kb.aud ?? VERIFIER,
          iat: kb.iat ?? Math.floor(Date.now() / 1000),
          ...(kb.transaction_data_hashes
            ? { transaction_data_hashes: kb.transaction_data_hashes, transaction_data_hashes_alg: 'sha-256' }
            : {}),
        },
      },
    });
  }
}

async function walletWithPid(issuer: DemoPidIssuer, person = ANNA): Promise<TestWallet> {
  const wallet = new TestWallet();
  wallet.credential = (await issuer.issue(person, wallet.key.publicJwk)).credential;
  return wallet;
}

function verifierTrusting(...issuers: DemoPidIssuer[]): PidVerifier {
  return new PidVerifier({ trust: new Map<string, JWK>(issuers.map((issuer) => [issuer.issuer, issuer.publicJwk])) });
}

const request = (changes: Partial<PresentationRequest> = {}): PresentationRequest => ({
  nonce: NONCE,
  audience: VERIFIER,
  required: ['age_over_18'],
  ...changes,
});

async function refusal(promise: Promise<unknown>): Promise<PresentationProblem> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PresentationError) return error.problem;
    throw error;
  }
  throw new Error('the presentation was accepted');
}

describe('the wallet method: verifying a PID presentation', () => {
  it('accepts a PID from a trusted issuer and returns only what the person disclosed', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const wallet = await walletWithPid(issuer);
    const verified = await verifierTrusting(issuer).verify(await wallet.present(['age_over_18']), request());
    assert.equal(verified.issuer, ISSUER);
    assert.deepEqual(verified.claims, { age_over_18: true }, 'no name, no birth date: they were not disclosed');
    assert.deepEqual(verified.holderJwk, wallet.key.publicJwk);

    const named = await verifierTrusting(issuer).verify(
      await wallet.present(['given_name', 'family_name', 'birthdate']),
      request({ required: ['given_name', 'family_name', 'birthdate'] }),
    );
    assert.deepEqual(named.claims, { given_name: 'Anna', family_name: 'Hansen', birthdate: '1990-01-01' });
  });

  it('refuses an issuer not on the trust list, and a PID signed by another key than the trusted one', async () => {
    const trusted = new DemoPidIssuer(ISSUER);
    const stranger = new DemoPidIssuer('https://pid.elsewhere.example');
    const impostor = new DemoPidIssuer(ISSUER); // the same name, its own key
    const verifier = verifierTrusting(trusted);
    assert.equal(
      await refusal(verifier.verify(await (await walletWithPid(stranger)).present(['age_over_18']), request())),
      'untrusted_issuer',
    );
    assert.equal(
      await refusal(verifier.verify(await (await walletWithPid(impostor)).present(['age_over_18']), request())),
      'untrusted_issuer',
    );
  });

  it('refuses a wrong nonce (a replay of another request), a wrong audience, and an old key binding', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const wallet = await walletWithPid(issuer);
    const verifier = verifierTrusting(issuer);
    const answer = await wallet.present(['age_over_18']);
    assert.ok(await verifier.verify(answer, request()));
    assert.equal(
      await refusal(verifier.verify(answer, request({ nonce: 'n-the-next-request-000000' }))),
      'wrong_nonce',
    );
    assert.equal(
      await refusal(verifier.verify(await wallet.present(['age_over_18'], { aud: 'https://evil.example' }), request())),
      'wrong_audience',
    );
    const old = Math.floor(Date.now() / 1000) - 3600;
    assert.equal(
      await refusal(verifier.verify(await wallet.present(['age_over_18'], { iat: old }), request())),
      'stale',
    );
  });

  it('refuses a key binding by another key than the PID’s holder (a stolen PID), and an altered disclosure', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const wallet = await walletWithPid(issuer);
    const verifier = verifierTrusting(issuer);
    const thief = newEs256Pair();
    assert.equal(
      await refusal(verifier.verify(await wallet.present(['age_over_18'], {}, thief), request())),
      'wrong_holder',
    );

    // Under 18 made over 18: the disclosure no longer matches its signed digest.
    const minor = await walletWithPid(issuer, { ...ANNA, birthdate: '2012-05-05', age_over_18: false });
    const honest = await minor.present(['age_over_18']);
    const parts = honest.split('~');
    const altered = parts.map((part, index) => {
      if (index === 0 || index === parts.length - 1) return part;
      const decoded = Buffer.from(part, 'base64url').toString();
      return decoded.includes('age_over_18')
        ? Buffer.from(decoded.replace('false', 'true')).toString('base64url')
        : part;
    });
    assert.notEqual(altered.join('~'), honest);
    assert.equal(await refusal(verifier.verify(altered.join('~'), request())), 'tampered');
  });

  it('refuses a required claim left undisclosed, and an expired PID', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const wallet = await walletWithPid(issuer);
    const verifier = verifierTrusting(issuer);
    assert.equal(
      await refusal(
        verifier.verify(await wallet.present(['age_over_18']), request({ required: ['age_over_18', 'family_name'] })),
      ),
      'missing_claim',
    );

    const lapsed = new DemoPidIssuer(ISSUER, () => Date.now() - 2 * 86_400_000);
    const short = new TestWallet();
    short.credential = (await lapsed.issue(ANNA, short.key.publicJwk, 86_400)).credential;
    assert.equal(
      await refusal(verifierTrusting(lapsed).verify(await short.present(['age_over_18']), request())),
      'expired',
    );
  });

  it('a payment: the transaction data hashes bound in the key binding must be the request’s, in order', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const wallet = await walletWithPid(issuer);
    const verifier = verifierTrusting(issuer);
    const payment = Buffer.from(
      JSON.stringify({ type: 'payment', amount: '2300.00', currency: 'DKK', payee: '9978 000123456' }),
    ).toString('base64url');
    const other = Buffer.from(
      JSON.stringify({ type: 'payment', amount: '23000.00', currency: 'DKK', payee: '9978 000123456' }),
    ).toString('base64url');
    const bound = await wallet.present(['age_over_18'], { transaction_data_hashes: [transactionDataHash(payment)] });
    assert.ok(await verifier.verify(bound, request({ transactionData: [payment] })));
    assert.equal(await refusal(verifier.verify(bound, request({ transactionData: [other] }))), 'wrong_transaction');
    assert.equal(
      await refusal(verifier.verify(await wallet.present(['age_over_18']), request({ transactionData: [payment] }))),
      'wrong_transaction',
      'none bound',
    );
    assert.equal(await refusal(verifier.verify(bound, request())), 'wrong_transaction', 'bound where none was asked');
  });

  it('refuses what is not a presentation at all (a credential without its key binding too)', async () => {
    const issuer = new DemoPidIssuer(ISSUER);
    const verifier = verifierTrusting(issuer);
    for (const junk of ['', 'abc', 'a.b.c', 'a.b.c~', `${(await walletWithPid(issuer)).credential}`]) {
      assert.equal(await refusal(verifier.verify(junk, request())), 'malformed', junk.slice(0, 20));
    }
  });
});
