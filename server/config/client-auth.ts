/**
 * How a client's back end proves itself to the broker (for `POST /v1/enrolments`): public keys it signs JWT client
 * assertions with (`private_key_jwt`, RFC 7523; preferred, since the broker then holds no secret), or the SHA-256 of
 * a client secret it sends with HTTP Basic (`client_secret_basic`). A client with neither cannot create enrolments.
 */
import type { JSONWebKeySet } from 'jose';

export interface ClientAuthConfig {
  /** Public keys (EC P-256/P-384, Ed25519, or RSA of 2048 bits or more), each with a `kid`. */
  jwks?: JSONWebKeySet;
  /**
   * Hex SHA-256 of the client secret. The secret is random (32 bytes or more, base64url): not a password, so a plain
   * hash keeps it; the broker compares in constant time.
   */
  secretSha256?: string;
}

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'k'];
const KEY_TYPES = ['EC', 'OKP', 'RSA'];

/** The `auth` of a clients-file entry, checked; throws with `where` in the message. */
export function checkClientAuth(value: unknown, where: string): ClientAuthConfig {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(`${where}: "auth" must be an object with "jwks" and/or "secretSha256"`);
  }
  const { jwks, secretSha256, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) throw new Error(`${where}: "auth" has an unknown field "${unknown[0]}"`);
  const auth: ClientAuthConfig = {};
  if (secretSha256 !== undefined) {
    if (typeof secretSha256 !== 'string' || !/^[0-9a-f]{64}$/.test(secretSha256)) {
      throw new Error(`${where}: "auth.secretSha256" must be 64 lower-case hex digits`);
    }
    auth.secretSha256 = secretSha256;
  }
  if (jwks !== undefined) auth.jwks = checkJwks(jwks, where);
  if (!auth.jwks && !auth.secretSha256) throw new Error(`${where}: "auth" needs "jwks" or "secretSha256"`);
  return auth;
}

function checkJwks(value: unknown, where: string): JSONWebKeySet {
  const keys = (value as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0) throw new Error(`${where}: "auth.jwks" must be {"keys": [ … ]}`);
  for (const [index, key] of keys.entries()) {
    const at = `${where}: "auth.jwks.keys[${index}]"`;
    if (typeof key !== 'object' || key === null) throw new Error(`${at} must be a JWK`);
    const jwk = key as Record<string, unknown>;
    if (!KEY_TYPES.includes(String(jwk.kty))) throw new Error(`${at} must be an EC, OKP or RSA public key`);
    if (PRIVATE_MEMBERS.some((member) => member in jwk)) {
      throw new Error(`${at} holds a private key: register only the public half`);
    }
    if (typeof jwk.kid !== 'string' || jwk.kid.length === 0) throw new Error(`${at} needs a "kid"`);
  }
  return { keys: keys as JSONWebKeySet['keys'] };
}
