/** The claims of a completed session, and who signs them (the key ring, through {@link AssertionSigner}). */
import { createHmac, randomBytes } from 'node:crypto';
import { ACR, type Acr, type AssertionClaims, type Method, type Mode } from '../../protocol/page-api.js';
import type { TransactionDetails } from '../../protocol/transaction.js';
import type { KeyRing } from './keys.js';
import type { LoginHints } from './login-hint.js';

/** What an assertion states: who, for which client and page, how, and (for an approval) what was approved. */
export interface AssertionSubject {
  clientId: string;
  /** The identity's (normalized) user ID: the pairwise `sub` is made from it, never sent. */
  userId: string;
  name: string;
  nonce: string;
  origin: string;
  mode: Mode;
  method: Method;
  /** Approvals only: the exact text and its hex SHA-256; a payment or a batch also its details and their hash. */
  transaction?: { text: string; sha256: string; details?: TransactionDetails; details_sha256?: string };
}

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
  /** Seals every login's `login_hint`; absent: logins carry none. */
  loginHints?: LoginHints;
}

/** Signs the assertion of a completed session: the only thing in the broker that holds the signing keys' use. */
export class AssertionSigner {
  constructor(private readonly options: AssertionSignerOptions) {}

  get issuer(): string {
    return this.options.issuer();
  }

  async sign(subject: AssertionSubject, now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    const { method } = subject;
    const claims: AssertionClaims = {
      iss: this.options.issuer(),
      aud: subject.clientId,
      sub: pairwiseSubject(this.options.subjectSecret, subject.clientId, subject.userId),
      iat,
      exp: iat + this.options.ttlSeconds,
      auth_time: iat,
      jti: randomBytes(16).toString('base64url'),
      nonce: subject.nonce,
      origin: subject.origin,
      acr: ACR_OF_METHOD[method],
      amr: AMR_OF_METHOD[method],
      method,
      mode: subject.mode,
      name: subject.name,
    };
    if (subject.mode === 'approve' && subject.transaction) claims.txn = { ...subject.transaction };
    if (subject.mode === 'login' && this.options.loginHints) {
      claims.login_hint = this.options.loginHints.seal(subject.clientId, subject.userId, now);
    }
    return this.options.keys.sign({ ...claims });
  }
}
