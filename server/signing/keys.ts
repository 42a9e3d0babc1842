/**
 * The broker's signing keys. One key signs; after a rotation the previous keys stay published in the JWKS until
 * every assertion they signed has expired (plus the verifier's clock tolerance), then they are dropped.
 */
import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Clock } from '../clock.js';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** When this key stopped signing (ms), if it has. */
  retiredAt?: number;
}

/** A key as a shared store keeps it: the private JWK (with `kid`) and when it stopped signing. */
export interface StoredSigningKey {
  jwk: JWK;
  retiredAt?: number;
}

/** Where a ring shared by several instances lives (Redis): rotations go through it, so every instance sees them. */
export interface KeyRingBacking {
  /**
   * Atomically appends `key` as the signing key, retiring the others at `now` and dropping keys retired more than
   * `publishRetiredForMs` ago; resolves with every key kept, oldest first.
   */
  append(key: StoredSigningKey, now: number, publishRetiredForMs: number): Promise<StoredSigningKey[]>;
}

async function importStored(stored: StoredSigningKey): Promise<SigningKey> {
  const jwk = stored.jwk;
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || !jwk.d || !jwk.kid) {
    throw new Error('signing keys must be P-256 private JWKs with a kid');
  }
  const privateKey = (await importJWK({ ...jwk, alg: 'ES256' }, 'ES256')) as CryptoKey;
  const { d: _private, key_ops: _ops, ext: _ext, ...publicPart } = jwk;
  const key: SigningKey = { kid: jwk.kid, privateKey, publicJwk: { ...publicPart, alg: 'ES256', use: 'sig' } };
  if (stored.retiredAt !== undefined) key.retiredAt = stored.retiredAt;
  return key;
}

export class KeyRing {
  private keys: SigningKey[] = [];
  private backing: KeyRingBacking | undefined;

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
    if (jwks.keys.length === 0) throw new Error('the key set is empty');
    const now = clock.now();
    return KeyRing.fromStored(
      clock,
      publishRetiredForMs,
      jwks.keys.map((jwk, index) => (index < jwks.keys.length - 1 ? { jwk, retiredAt: now } : { jwk })),
    );
  }

  /** A ring from stored keys with their retirement times; with `backing`, rotations go through the shared store. */
  static async fromStored(
    clock: Clock,
    publishRetiredForMs: number,
    stored: StoredSigningKey[],
    backing?: KeyRingBacking,
  ): Promise<KeyRing> {
    const ring = new KeyRing(clock, publishRetiredForMs);
    await ring.replace(stored);
    ring.backing = backing;
    return ring;
  }

  /** Makes a private ES256 key ready to store (for a shared ring's first key). */
  static async newStoredKey(clock: Clock): Promise<StoredSigningKey> {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const kid = `${new Date(clock.now()).toISOString().slice(0, 10)}-${randomBytes(6).toString('base64url')}`;
    return { jwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' } };
  }

  /** Takes the keys of the shared store as they are now (after a rotation elsewhere). */
  async replace(stored: StoredSigningKey[]): Promise<void> {
    if (stored.length === 0) throw new Error('the key set is empty');
    const known = new Map(this.keys.map((key) => [key.kid, key]));
    const next: SigningKey[] = [];
    for (const entry of stored) {
      const existing = entry.jwk.kid ? known.get(entry.jwk.kid) : undefined;
      const key = existing ? { ...existing } : await importStored(entry);
      if (entry.retiredAt !== undefined) key.retiredAt = entry.retiredAt;
      else delete key.retiredAt;
      next.push(key);
    }
    this.keys = next;
  }

  /** Makes a new current key; the old one keeps being published until its assertions have expired. */
  async rotate(): Promise<string> {
    const stored = await KeyRing.newStoredKey(this.clock);
    const kid = stored.jwk.kid as string;
    const now = this.clock.now();
    if (this.backing) {
      await this.replace(await this.backing.append(stored, now, this.publishRetiredForMs));
      return kid;
    }
    for (const key of this.keys) key.retiredAt ??= now;
    this.keys.push(await importStored(stored));
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

  /** Signs with the newest key; `typ` tells kinds of tokens apart (an enrolment result is no login assertion). */
  async sign(claims: JWTPayload, typ = 'JWT'): Promise<string> {
    const key = this.current();
    return new SignJWT(claims).setProtectedHeader({ alg: 'ES256', kid: key.kid, typ }).sign(key.privateKey);
  }

  private current(): SigningKey {
    const key = this.keys.at(-1);
    if (!key) throw new Error('the key ring is empty');
    return key;
  }
}
