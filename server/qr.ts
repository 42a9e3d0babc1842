/**
 * Animated QR frames for cross-device app login. A frame is `MQR1.<qrId>.<seconds>.<mac>`: a random id per
 * session's app step, the whole seconds since that step started, and an HMAC-SHA256 (truncated to 128 bits) of
 * both under a broker secret. The page shows frames but cannot make them; the app submits what it scanned and
 * the broker refuses forged frames (`qr_invalid`) and old ones (`qr_expired`), so a QR code relayed to a victim
 * by a phishing site goes stale within seconds.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'MQR1';
const MAC_BYTES = 16;

export interface QrFrameParts {
  qrId: string;
  seconds: number;
}

export class QrSigner {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  static newQrId(): string {
    return randomBytes(16).toString('base64url');
  }

  frame(qrId: string, seconds: number): string {
    return `${PREFIX}.${qrId}.${seconds}.${this.mac(qrId, seconds)}`;
  }

  /** The frame's parts when its MAC is right, else null. */
  parse(frame: string): QrFrameParts | null {
    const parts = frame.split('.');
    if (parts.length !== 4 || parts[0] !== PREFIX) return null;
    const [, qrId = '', secondsText = '', mac = ''] = parts;
    if (!/^[A-Za-z0-9_-]{22}$/.test(qrId) || !/^(0|[1-9]\d{0,6})$/.test(secondsText)) return null;
    const seconds = Number(secondsText);
    const expected = Buffer.from(this.mac(qrId, seconds), 'base64url');
    const given = Buffer.from(mac, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    return { qrId, seconds };
  }

  private mac(qrId: string, seconds: number): string {
    return createHmac('sha256', this.secret)
      .update(`${qrId}.${seconds}`)
      .digest()
      .subarray(0, MAC_BYTES)
      .toString('base64url');
  }
}
