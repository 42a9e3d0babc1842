/**
 * The broker as a verifier of PID presentations (SD-JWT VC with a key-binding JWT, as OpenID4VP answers): the
 * issuer's signature checked against a trust list (issuer → public key), the credential's validity, the disclosures
 * against their digests, the key-binding JWT signed by the credential's holder key (`cnf.jwk`) over this request's
 * nonce and audience and this presentation (`sd_hash`), recent, and for a payment the hashes of the transaction
 * data it was asked to bind. What comes back holds only the claims disclosed. The SD-JWT work is @sd-jwt's; the
 * checks it leaves to its caller (trust, audience, freshness, transaction data, which claims) are here.
 */
import { createHash } from 'node:crypto';
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { JWK } from 'jose';
import { es256Verify, sha256Hasher } from './es256.js';
import { PID_CLAIMS, PID_VCT, type PidClaim } from './pid.js';

/** Why a presentation is refused: one stable reason each, for the broker's error and its tests. */
export type PresentationProblem =
  | 'malformed' // not an SD-JWT VC with a key-binding JWT
  | 'untrusted_issuer' // `iss` is not on the trust list, or its signature is not that issuer's
  | 'expired' // the credential is past its `exp` (or not yet valid)
  | 'wrong_type' // not a PID
  | 'tampered' // a disclosure does not match the signed digests, or the key binding is over another presentation
  | 'wrong_holder' // the key-binding JWT is not signed by the credential's holder key
  | 'wrong_nonce'
  | 'wrong_audience'
  | 'stale' // the key-binding JWT is older than the verifier allows
  | 'missing_claim' // a claim the request required was not disclosed
  | 'wrong_transaction'; // the transaction data hashes are not those of the request

export class PresentationError extends Error {
  constructor(readonly problem: PresentationProblem) {
    super(`presentation refused: ${problem}`);
    this.name = 'PresentationError';
  }
}

export interface PresentationRequest {
  nonce: string;
  /** The verifier's client identifier, as the wallet puts it in the key-binding JWT's `aud`. */
  audience: string;
  /** The PID claims the relying party requires disclosed. */
  required: readonly PidClaim[];
  /** For a payment: the transaction data items (base64url JSON) the wallet was asked to confirm. */
  transactionData?: readonly string[];
}

export interface VerifiedPresentation {
  issuer: string;
  /** Only the claims disclosed (and only PID claims). */
  claims: Partial<Record<PidClaim, unknown>>;
  /** The wallet's key, from the credential: its thumbprint makes a stable subject per wallet. */
  holderJwk: JWK;
}

export interface PidVerifierOptions {
  /** Trusted issuers: `iss` → the public key its PIDs are signed with. */
  trust: ReadonlyMap<string, JWK>;
  now?: () => number;
  /** How old a key-binding JWT may be (its `iat`); default 5 minutes. */
  maxKbAgeSeconds?: number;
}

type Decoded = { iss?: unknown; cnf?: { jwk?: JWK }; exp?: unknown; nbf?: unknown };

function decodePart(part: string | undefined): Decoded | undefined {
  try {
    return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8')) as Decoded;
  } catch {
    return undefined;
  }
}

/** The hash OpenID4VP binds a transaction data item by: base64url SHA-256 of the item as sent. */
export function transactionDataHash(item: string): string {
  return createHash('sha256').update(item).digest('base64url');
}

export class PidVerifier {
  private readonly now: () => number;
  private readonly maxKbAgeSeconds: number;

  constructor(private readonly options: PidVerifierOptions) {
    this.now = options.now ?? Date.now;
    this.maxKbAgeSeconds = options.maxKbAgeSeconds ?? 300;
  }

  async verify(presentation: string, request: PresentationRequest): Promise<VerifiedPresentation> {
    const jwt = presentation.split('~')[0] ?? '';
    const payload = decodePart(jwt.split('.')[1]);
    if (!payload || !presentation.includes('~') || presentation.endsWith('~')) throw new PresentationError('malformed');
    const issuer = typeof payload.iss === 'string' ? payload.iss : '';
    const issuerKey = this.options.trust.get(issuer);
    if (!issuerKey) throw new PresentationError('untrusted_issuer');
    const holderJwk = payload.cnf?.jwk;
    if (!holderJwk) throw new PresentationError('malformed');
    if (!disclosuresAllReferenced(presentation)) throw new PresentationError('tampered');
    const seconds = Math.floor(this.now() / 1000);
    if (typeof payload.exp !== 'number' || payload.exp <= seconds) throw new PresentationError('expired');
    if (typeof payload.nbf === 'number' && payload.nbf > seconds + 60) throw new PresentationError('expired');

    // Which signature failed is known from the hooks themselves, not from the library's messages.
    let issuerSigned: boolean | undefined;
    let holderSigned: boolean | undefined;
    const sdjwt = new SDJwtVcInstance({
      hasher: sha256Hasher,
      verifier: (data, signature) => (issuerSigned = es256Verify(issuerKey, data, signature)),
      kbVerifier: (data, signature) => (holderSigned = es256Verify(holderJwk, data, signature)),
    });
    let verified: Awaited<ReturnType<SDJwtVcInstance['verify']>>;
    try {
      verified = await sdjwt.verify(presentation, {
        currentDate: Math.floor(this.now() / 1000),
        keyBindingNonce: request.nonce,
        requiredClaimKeys: [...request.required],
      });
    } catch (error) {
      if (issuerSigned === false) throw new PresentationError('untrusted_issuer');
      if (holderSigned === false) throw new PresentationError('wrong_holder');
      throw new PresentationError(problemOf(error));
    }
    if (verified.payload.vct !== PID_VCT) throw new PresentationError('wrong_type');
    const kb = verified.kb?.payload as (Record<string, unknown> & { aud?: unknown; iat?: unknown }) | undefined;
    if (!kb) throw new PresentationError('malformed');
    if (kb.aud !== request.audience) throw new PresentationError('wrong_audience');
    const age = Math.floor(this.now() / 1000) - Number(kb.iat);
    if (!(age <= this.maxKbAgeSeconds && age >= -60)) throw new PresentationError('stale');
    const expected = (request.transactionData ?? []).map(transactionDataHash);
    const bound = kb['transaction_data_hashes'];
    if (expected.length > 0 || bound !== undefined) {
      const same =
        Array.isArray(bound) &&
        bound.length === expected.length &&
        bound.every((hash, index) => hash === expected[index]);
      const alg = kb['transaction_data_hashes_alg'];
      if (!same || (alg !== undefined && alg !== 'sha-256')) throw new PresentationError('wrong_transaction');
    }
    const claims: Partial<Record<PidClaim, unknown>> = {};
    const disclosed = verified.payload as Record<string, unknown>;
    for (const name of PID_CLAIMS) if (name in disclosed) claims[name] = disclosed[name];
    return { issuer, claims, holderJwk };
  }
}

/**
 * Every disclosure presented is referenced by a digest the issuer signed (in the payload, or inside another
 * disclosure): SD-JWT's rule, which the library leaves to its caller (it ignores a disclosure no digest names, so
 * an altered one would read as a claim not disclosed).
 */
function disclosuresAllReferenced(presentation: string): boolean {
  const parts = presentation.split('~');
  const disclosures = parts.slice(1, -1).filter((part) => part.length > 0);
  const digests = new Set<string>();
  const collect = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(collect);
    else if (value && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) {
        if (key === '_sd' && Array.isArray(inner))
          inner.forEach((digest) => typeof digest === 'string' && digests.add(digest));
        else if (key === '...' && typeof inner === 'string') digests.add(inner);
        else collect(inner);
      }
    }
  };
  collect(decodePart(parts[0]?.split('.')[1]));
  for (const disclosure of disclosures) {
    try {
      collect(JSON.parse(Buffer.from(disclosure, 'base64url').toString('utf8')));
    } catch {
      return false;
    }
  }
  return disclosures.every((disclosure) => digests.has(createHash('sha256').update(disclosure).digest('base64url')));
}

/** The library's refusal, by its message (signatures and validity are judged before, on their own). */
function problemOf(error: unknown): PresentationProblem {
  const message = error instanceof Error ? error.message : '';
  if (/Invalid Nonce/i.test(message)) return 'wrong_nonce';
  if (/sd_hash|digest|disclosure/i.test(message)) return 'tampered';
  if (/Missing required claim/i.test(message)) return 'missing_claim';
  return 'malformed';
}
