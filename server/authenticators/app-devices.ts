/**
 * Activated MitID app devices: a P-256 public key and a bearer token (kept as a hash) per device, and the
 * notifications each identity receives (every activation on a new device is announced).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { AppNotification, JsonWebKeyP256 } from '../../protocol/app-api.js';
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

const MAX_NOTIFICATIONS = 50;

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

export class DeviceRegistry {
  private readonly keys: PublicKeyCache;

  constructor(
    private readonly clock: Clock,
    /** Devices and notifications live here: in Redis, every instance knows every device. */
    private readonly state: SharedState,
    keyCacheSize = 10_000,
  ) {
    this.keys = new PublicKeyCache(keyCacheSize);
  }

  async activate(userId: string, jwk: JsonWebKeyP256, name: string): Promise<{ device: Device; token: string }> {
    let publicKey: KeyObject;
    try {
      publicKey = publicKeyOf(jwk.x, jwk.y);
    } catch {
      throw new BrokerError('invalid_request', 'device_public_key is not a P-256 public key.');
    }
    const device: Device = { id: newId(), userId, name, publicKey, activatedAt: this.clock.now() };
    const token = newToken();
    const stored: StoredDevice = { id: device.id, userId, name, x: jwk.x, y: jwk.y, activatedAt: device.activatedAt };
    await this.state.set(`dev:${hashToken(token)}`, JSON.stringify(stored));
    const notification: AppNotification = {
      id: newId(),
      kind: 'device-activated',
      device_name: name,
      at: new Date(device.activatedAt).toISOString(),
    };
    await this.state.push(`notes:${userId}`, JSON.stringify(notification), MAX_NOTIFICATIONS);
    return { device, token };
  }

  /** The device of a bearer token (`Authorization: Bearer <token>` of an app call), or `invalid_device`. */
  async authenticate(token: string): Promise<Device> {
    const raw = await this.state.get(`dev:${hashToken(token)}`);
    if (!raw) throw new BrokerError('invalid_device', 'This device is not activated.');
    const stored = JSON.parse(raw) as StoredDevice;
    return {
      id: stored.id,
      userId: stored.userId,
      name: stored.name,
      publicKey: this.keys.of(stored.x, stored.y),
      activatedAt: stored.activatedAt,
    };
  }

  async notificationsOf(userId: string): Promise<AppNotification[]> {
    return (await this.state.list(`notes:${userId}`)).map((raw) => JSON.parse(raw) as AppNotification);
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
