/**
 * ES256 (P-256, SHA-256, the raw r‖s signature in base64url) for the SD-JWT library's signer and verifier hooks,
 * on node:crypto: the wallet method's issuer, verifier and the simulated wallet's key binding all sign this way.
 * Hand-written because the library asks for plain `(data) => signature` functions; the signing is node's.
 */
import {
  createHash,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  sign,
  verify,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import type { JWK } from 'jose';

export interface Es256Pair {
  privateKey: KeyObject;
  publicJwk: JWK;
}

export function newEs256Pair(): Es256Pair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
  return { privateKey, publicJwk: { kty, crv, x, y } as JWK };
}

export function es256Signer(privateKey: KeyObject): (data: string) => string {
  return (data) =>
    sign('sha256', Buffer.from(data), { key: privateKey, dsaEncoding: 'ieee-p1363' }).toString('base64url');
}

/** True when `signature` (base64url r‖s) is `jwk`'s over `data`; false for anything malformed. */
export function es256Verify(jwk: JWK, data: string, signature: string): boolean {
  try {
    const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
    return verify('sha256', Buffer.from(data), { key, dsaEncoding: 'ieee-p1363' }, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** The SD-JWT hasher (sha-256 only). */
export function sha256Hasher(data: string | ArrayBuffer, alg: string): Uint8Array {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported hash ${alg}`);
  return new Uint8Array(
    createHash('sha256')
      .update(typeof data === 'string' ? data : Buffer.from(data))
      .digest(),
  );
}

/** A disclosure's salt: 128 random bits. */
export function salt(length = 16): string {
  return randomBytes(length).toString('base64url');
}
