/**
 * MitID app devices: a P-256 public key and a bearer token (kept as a hash) per device. Which identity a device
 * belongs to and whether it may act (pending, active, revoked) is the identity registry's: a device it revoked is
 * refused on its very next call.
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { JsonWebKeyP256 } from '../../protocol/app-api.js';
import type { IdentityRegistry } from '../identity/registry.js';
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';
import { hashToken, newId, newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';

export interface Device {
  id: string;
  userId: string;
  name: string;
  publicKey: KeyObject;
  activatedAt: number;
  /** When the device's activation takes effect (its waiting period). */
  activeFrom: number;
  /** Waiting for `activeFrom`: it may read its notices and authenticators, not act on requests. */
  pending: boolean;
}

/** Refuses a device that is still in its waiting period. */
export function requireActive(device: Device): void {
  if (device.pending) {
    throw new BrokerError('device_pending', 'This app becomes active at the end of its waiting period.', {
      active_from: new Date(device.activeFrom).toISOString(),
    });
  }
}

function deviceOf(stored: StoredDevice, publicKey: KeyObject): Omit<Device, 'activeFrom' | 'pending'> {
  return { id: stored.id, userId: stored.userId, name: stored.name, publicKey, activatedAt: stored.activatedAt };
}

/** A device as the shared state keeps it (JSON). */
interface StoredDevice {
  id: string;
  userId: string;
  name: string;
  x: string;
  y: string;
  activatedAt: number;
}

function publicKeyOf(x: string, y: string): KeyObject {
  return createPublicKey({ key: { kty: 'EC', crv: 'P-256', x, y }, format: 'jwk' });
}

/**
 * Device public keys already built from their coordinates, newest use last (least recently used first out).
 * Building one costs about as much as checking a signature with it (some 80 µs), on every app call. Only the
 * parsing is saved: the device's record is still read from the shared state on every call, so a device that is
 * gone is refused, and a key is only ever looked up by the coordinates that record holds.
 */
export class PublicKeyCache {
  private readonly keys: LRUCache<string, KeyObject>;

  constructor(max = 10_000) {
    this.keys = new LRUCache({ max });
  }

  get size(): number {
    return this.keys.size;
  }

  of(x: string, y: string): KeyObject {
    const id = `${x}.${y}`;
    const known = this.keys.get(id);
    if (known) return known;
    const built = publicKeyOf(x, y);
    this.keys.set(id, built);
    return built;
  }
}

export interface DeviceSettings {
  /** An active device's record lives this long after its last use (a phone left in a drawer for years is gone). */
  idleMs: number;
  keyCacheSize?: number;
}

export class DeviceRegistry {
  private readonly keys: PublicKeyCache;

  constructor(
    private readonly clock: Clock,
    /** Device records live here: in Redis, every instance knows every device. */
    private readonly state: SharedState,
    /** Whose devices they are, and in which state: the identity decides. */
    private readonly identities: IdentityRegistry,
    private readonly settings: DeviceSettings,
  ) {
    this.keys = new PublicKeyCache(settings.keyCacheSize ?? 10_000);
  }

  /**
   * Adds an app device to the identity, after its proof was checked by the caller: active at once, or pending
   * until `activeFrom`. The identity is told (and a device beyond the cap revoked).
   */
  async activate(
    userId: string,
    jwk: JsonWebKeyP256,
    name: string,
    proof: 'letter' | 'login',
    activeFrom: number,
  ): Promise<{ device: Device; token: string }> {
    let publicKey: KeyObject;
    try {
      publicKey = publicKeyOf(jwk.x, jwk.y);
    } catch {
      throw new BrokerError('invalid_request', 'device_public_key is not a P-256 public key.');
    }
    const now = this.clock.now();
    const token = newToken();
    const lookupKey = `dev:${hashToken(token)}`;
    const stored: StoredDevice = { id: newId(), userId, name, x: jwk.x, y: jwk.y, activatedAt: now };
    await this.state.set(lookupKey, JSON.stringify(stored), this.settings.idleMs);
    await this.identities.add(userId, { id: stored.id, kind: 'app', name, proof, activeFrom, lookupKey });
    return { device: { ...deviceOf(stored, publicKey), activeFrom, pending: activeFrom > now }, token };
  }

  /**
   * The device of a bearer token (`Authorization: Bearer <token>` of an app call), or `invalid_device` when it is
   * unknown or revoked. A pending device is returned with `pending` set: most calls refuse it (`device_pending`).
   */
  async authenticate(token: string): Promise<Device> {
    const lookupKey = `dev:${hashToken(token)}`;
    const raw = await this.state.get(lookupKey);
    if (!raw) throw new BrokerError('invalid_device', 'This device is not activated.');
    const stored = JSON.parse(raw) as StoredDevice;
    const authenticator = await this.identities.find(stored.userId, stored.id);
    if (!authenticator || authenticator.state === 'revoked') {
      throw new BrokerError('invalid_device', 'This app has been removed from its MitID; activate it again.');
    }
    const pending = authenticator.state === 'pending';
    // In use: the record lives on (an idle one expires).
    if (!pending) await this.state.set(lookupKey, raw, this.settings.idleMs);
    return { ...deviceOf(stored, this.keys.of(stored.x, stored.y)), activeFrom: authenticator.activeFrom, pending };
  }

  /** Checks an ES256 signature (raw r‖s, base64url) by the device key over `input`. */
  static verifySignature(device: Device, input: string, signature: string): boolean {
    if (!/^[A-Za-z0-9_-]{86}$/.test(signature)) return false;
    try {
      return verify(
        'sha256',
        Buffer.from(input, 'utf8'),
        { key: device.publicKey, dsaEncoding: 'ieee-p1363' },
        Buffer.from(signature, 'base64url'),
      );
    } catch {
      return false;
    }
  }
}
