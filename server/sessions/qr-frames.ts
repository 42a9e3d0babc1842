/**
 * Animated QR frames for cross-device app login. A frame is `MQR1.<qrId>.<seconds>.<mac>`: a random id per
 * session's app step, the whole seconds since that step started, and an HMAC-SHA256 (truncated to 128 bits) of
 * both under a broker secret. The page shows frames but cannot make them; the app submits what it scanned and
 * the broker refuses forged frames (`qr_invalid`) and old ones (`qr_expired`), so a QR code relayed to a victim
 * by a phishing site goes stale within seconds.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { QrFrameResponse } from '../../protocol/page-api.js';
import type { Clock } from '../clock.js';
import { BrokerError } from '../http/errors.js';
import type { PairingCodes } from './pairing-codes.js';
import type { AppStep } from './types.js';

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

export interface QrFrameRules {
  signer: QrSigner;
  clock: Clock;
  /** A new frame this often. */
  refreshMs: number;
  /** A scanned frame older than this is refused with `qr_expired`. */
  maxAgeMs: number;
  /** The pairing codes served with the frames (./pairing-codes.ts), for users who cannot scan. */
  pairing?: PairingCodes;
}

/** The frames of a session's app step in time: the one shown now, and whether a scanned one is still fresh. */
export class QrFrames {
  constructor(private readonly rules: QrFrameRules) {}

  /** The frame the page shows now: seconds since the app step started, MAC'd. */
  current(app: AppStep): QrFrameResponse {
    const seq = Math.max(0, Math.floor((this.rules.clock.now() - app.startedAt) / 1000));
    const response: QrFrameResponse = {
      frame: this.rules.signer.frame(app.qrId, seq),
      seq,
      refresh_ms: this.rules.refreshMs,
    };
    const pairing = this.rules.pairing?.current(app);
    if (pairing) {
      response.pairing_code = pairing.code;
      response.pairing_refresh_ms = pairing.refreshMs;
    }
    return response;
  }

  /** The parts of a scanned frame whose MAC is right; `qr_invalid` otherwise. */
  parse(frame: string): QrFrameParts {
    const parts = this.rules.signer.parse(frame);
    if (!parts) throw new BrokerError('qr_invalid', 'This is not a MitID QR code.');
    return parts;
  }

  /** Refuses a frame from the future (`qr_invalid`) or one older than the maximum age (`qr_expired`). */
  requireFresh(app: AppStep, parts: QrFrameParts): void {
    const issuedAt = app.startedAt + parts.seconds * 1000;
    const now = this.rules.clock.now();
    if (issuedAt > now + 1000) throw new BrokerError('qr_invalid', 'This QR code is not valid.');
    if (now - issuedAt > this.rules.maxAgeMs) {
      throw new BrokerError('qr_expired', 'This QR code is too old; scan the one on the screen now.');
    }
  }
}
