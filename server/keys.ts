/**
 * The broker's signing keys. One key signs; after a rotation the previous keys stay published in the JWKS until
 * every assertion they signed has expired (plus the verifier's clock tolerance), then they are dropped.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Clock } from './clock.js';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** When this key stopped signing (ms), if it has. */
  retiredAt?: number;
}

export class KeyRing {
  private keys: SigningKey[] = [];

  private constructor(
    private readonly clock: Clock,
    /** How long a retired key stays published: the assertion lifetime plus verifiers' clock tolerance. */
    private readonly publishRetiredForMs: number,
  ) {}

  static async create(clock: Clock, publishRetiredForMs: number): Promise<KeyRing> {
    const ring = new KeyRing(clock, publishRetiredForMs);
    await ring.rotate();
    return ring;
  }

  /**
   * A ring from stored private keys (ES256 JWKs with `kid`), e.g. a file shared by every broker instance. The last
   * key signs; the others count as retired now, so they stay published for one assertion lifetime.
   */
  static async fromPrivateJwks(clock: Clock, publishRetiredForMs: number, jwks: { keys: JWK[] }): Promise<KeyRing> {
    const ring = new KeyRing(clock, publishRetiredForMs);
    if (jwks.keys.length === 0) throw new Error('the key set is empty');
    const now = clock.now();
    for (const [index, jwk] of jwks.keys.entries()) {
      if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.kid) {
        throw new Error('signing keys must be P-256 private JWKs with a kid');
      }
      const privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
      const { d: _private, key_ops: _ops, ext: _ext, ...publicPart } = jwk;
      const key: SigningKey = { kid: jwk.kid, privateKey, publicJwk: { ...publicPart, alg: 'ES256', use: 'sig' } };
      if (index < jwks.keys.length - 1) key.retiredAt = now;
      ring.keys.push(key);
    }
    return ring;
  }

  /** Makes a new current key; the old one keeps being published until its assertions have expired. */
  async rotate(): Promise<string> {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `${new Date(this.clock.now()).toISOString().slice(0, 10)}-${randomBytes(6).toString('base64url')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
    const now = this.clock.now();
    for (const key of this.keys) key.retiredAt ??= now;
    this.keys.push({ kid, privateKey, publicJwk });
    return kid;
  }

  get currentKid(): string {
    return this.current().kid;
  }

  /** The published key set: the current key and retired keys whose assertions may still be valid. */
  jwks(): { keys: JWK[] } {
    const now = this.clock.now();
    this.keys = this.keys.filter(
      (key) => key.retiredAt === undefined || now - key.retiredAt < this.publishRetiredForMs,
    );
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  async sign(claims: JWTPayload): Promise<string> {
    const key = this.current();
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
  }

  private current(): SigningKey {
    const key = this.keys.at(-1);
    if (!key) throw new Error('the key ring is empty');
    return key;
  }
}
