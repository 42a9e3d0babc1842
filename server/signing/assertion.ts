/** The claims of a completed session, and who signs them (the key ring, through {@link AssertionSigner}). */
import { createHmac, randomBytes } from 'node:crypto';
import { ACR, type Acr, type AssertionClaims, type Method } from '../../protocol/page-api.js';
import type { Identity } from '../config/identities.js';
import type { KeyRing } from './keys.js';
import type { SessionRecord } from '../sessions/types.js';

/** NSIS level per method: the app and code tokens are Substantial, a FIDO chip is High. */
export const ACR_OF_METHOD: Record<Method, Acr> = {
  app: ACR.substantial,
  'code-display': ACR.substantial,
  'code-reader': ACR.substantial,
  chip: ACR.high,
};

/** RFC 8176 authentication method references per method. */
export const AMR_OF_METHOD: Record<Method, string[]> = {
  app: ['swk', 'mfa'],
  'code-display': ['otp', 'pwd', 'mfa'],
  'code-reader': ['otp', 'pwd', 'mfa'],
  chip: ['hwk', 'pwd', 'mfa'],
};

/** A pairwise pseudonym: HMAC of client id and user id, so two clients cannot join their users. */
export function pairwiseSubject(secret: Buffer, clientId: string, userId: string): string {
  return createHmac('sha256', secret).update(`${clientId}\u0000${userId}`).digest('base64url');
}

export interface AssertionSignerOptions {
  keys: KeyRing;
  /** The broker's public URL (no trailing slash), read when signing: it may be known only once listening. */
  issuer: () => string;
  /** Secret behind pairwise `sub`s; stable across restarts in production (BROKER_SUBJECT_SECRET). */
  subjectSecret: Buffer;
  ttlSeconds: number;
}

/** Signs the assertion of a completed session: the only thing in the broker that holds the signing keys' use. */
export class AssertionSigner {
  constructor(private readonly options: AssertionSignerOptions) {}

  get issuer(): string {
    return this.options.issuer();
  }

  async sign(session: SessionRecord, identity: Identity, method: Method, now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    const claims: AssertionClaims = {
      iss: this.options.issuer(),
      aud: session.clientId,
      sub: pairwiseSubject(this.options.subjectSecret, session.clientId, identity.userId),
      iat,
      exp: iat + this.options.ttlSeconds,
      auth_time: iat,
      jti: randomBytes(16).toString('base64url'),
      nonce: session.nonce,
      origin: session.origin,
      acr: ACR_OF_METHOD[method],
      amr: AMR_OF_METHOD[method],
      method,
      mode: session.mode,
      name: identity.name,
    };
    if (session.mode === 'approve' && session.transactionText !== undefined && session.transactionSha256) {
      claims.txn = { text: session.transactionText, sha256: session.transactionSha256 };
    }
    return this.options.keys.sign({ ...claims });
  }
}
