/** The claims of a completed session, signed by the key ring. */
import { createHmac, randomBytes } from 'node:crypto';
import { ACR, type Acr, type AssertionClaims, type Method } from '../protocol/page-api.js';
import type { Identity } from './config/identities.js';
import type { KeyRing } from './keys.js';
import type { SessionRecord } from './sessions/types.js';

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

export async function signAssertion(options: {
  keys: KeyRing;
  issuer: string;
  subjectSecret: Buffer;
  session: SessionRecord;
  identity: Identity;
  method: Method;
  now: number;
  ttlSeconds: number;
}): Promise<string> {
  const { session, identity, method } = options;
  const iat = Math.floor(options.now / 1000);
  const claims: AssertionClaims = {
    iss: options.issuer,
    aud: session.clientId,
    sub: pairwiseSubject(options.subjectSecret, session.clientId, identity.userId),
    iat,
    exp: iat + options.ttlSeconds,
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
  return options.keys.sign({ ...claims });
}
