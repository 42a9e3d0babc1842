/**
 * The demo net bank's key for creating enrolments at the broker (`POST /v1/enrolments`, as a confidential client with
 * a JWT client assertion, RFC 7523): made fresh each time the demo starts, its public half registered with the
 * broker as the `netbank` client's `auth.jwks`. A real bank keeps its private key in its own key store and
 * registers the public half once; the broker never holds a secret of the bank's.
 */
import { exportJWK, generateKeyPair } from 'jose';
import type { JSONWebKeySet } from 'jose';
import type { AssertionKey } from '../../verify/index.js';

export interface BankKey {
  /** What the bank signs with. */
  signing: AssertionKey;
  /** What the broker is told. */
  jwks: JSONWebKeySet;
}

export async function makeBankKey(kid = 'kystbanken-1'): Promise<BankKey> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const jwk = await exportJWK(publicKey);
  return {
    signing: { privateKey, kid, alg: 'ES256' },
    jwks: { keys: [{ ...jwk, kid, alg: 'ES256', use: 'sig' }] },
  };
}
