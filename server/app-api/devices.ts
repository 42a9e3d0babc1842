/**
 * Activated MitID app devices: a P-256 public key and a bearer token (kept as a hash) per device, and the
 * notifications each identity receives (every activation on a new device is announced).
 */
import { createPublicKey, verify, type KeyObject } from 'node:crypto';
import type { AppNotification, JsonWebKeyP256 } from '../../src/protocol/wire.js';
import type { Clock } from '../clock.js';
import { bearerToken, hashToken, newId, newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import type { FastifyRequest } from 'fastify';

export interface Device {
  id: string;
  userId: string;
  name: string;
  publicKey: KeyObject;
  activatedAt: number;
}

const MAX_NOTIFICATIONS = 50;

export class DeviceRegistry {
  private readonly byTokenHash = new Map<string, Device>();
  private readonly notifications = new Map<string, AppNotification[]>();

  constructor(private readonly clock: Clock) {}

  activate(userId: string, jwk: JsonWebKeyP256, name: string): { device: Device; token: string } {
    let publicKey: KeyObject;
    try {
      publicKey = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y }, format: 'jwk' });
    } catch {
      throw new BrokerError('invalid_request', 'device_public_key is not a P-256 public key.');
    }
    const device: Device = { id: newId(), userId, name, publicKey, activatedAt: this.clock.now() };
    const token = newToken();
    this.byTokenHash.set(hashToken(token), device);
    const list = this.notifications.get(userId) ?? [];
    list.unshift({
      id: newId(),
      kind: 'device-activated',
      device_name: name,
      at: new Date(device.activatedAt).toISOString(),
    });
    this.notifications.set(userId, list.slice(0, MAX_NOTIFICATIONS));
    return { device, token };
  }

  /** The device of the request's bearer token, or `invalid_device`. */
  authenticate(request: FastifyRequest): Device {
    let token: string;
    try {
      token = bearerToken(request);
    } catch {
      throw new BrokerError('invalid_device', 'Send the device token as "Authorization: Bearer <token>".');
    }
    const device = this.byTokenHash.get(hashToken(token));
    if (!device) throw new BrokerError('invalid_device', 'This device is not activated.');
    return device;
  }

  notificationsOf(userId: string): AppNotification[] {
    return [...(this.notifications.get(userId) ?? [])];
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
