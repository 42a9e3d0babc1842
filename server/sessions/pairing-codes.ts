/**
 * Pairing codes: the path without sight beside the animated QR code (WCAG 1.1.1). A cross-device app step shows,
 * with its QR frames, a 6-digit code the user can hear (a screen reader) and type into the app on the phone. The
 * code is an HMAC under the broker secret of the step's random qrId and a window number (the windows of
 * `periodMs` counted from the step's start), cut to 6 digits: nothing is stored to make it. A code is accepted up to
 * `maxAgeMs` after its window opened, once per session (AppStep.lastPairedWindow), and only for a pending
 * cross-device session of the calling device's own identity: the app never searches anybody else's sessions, so
 * no answer tells whether another identity has one. Wrong codes are counted per device (`wrongLimit` per
 * `wrongWindowMs`, windows aligned to the broker's clock like the rate limits); over the limit the device is
 * refused with 429 `rate_limited` and Retry-After before any code is compared.
 */
import { createHmac } from 'node:crypto';
import type { Clock } from '../clock.js';
import { BrokerError } from '../http/errors.js';
import type { SharedState } from '../stores/shared-state.js';
import type { AppStep, SessionRecord } from './types.js';

export const PAIRING_CODE_DIGITS = 6;

export interface PairingRules {
  /** The broker secret the codes are made under (the QR frames' secret, under another label). */
  secret: Buffer;
  clock: Clock;
  state: SharedState;
  /** A new code this often. */
  periodMs: number;
  /** A code older than this (from the start of its window) is refused with `pairing_expired`. */
  maxAgeMs: number;
  /** Wrong codes one device may send per window before it is refused. */
  wrongLimit: number;
  wrongWindowMs: number;
}

/** What the page shows: the code now and how long until the next. */
export interface PairingCodeNow {
  code: string;
  window: number;
  refreshMs: number;
}

/** A code that belongs to one of the sessions given: which one, and from which window. */
export type PairingMatch =
  { kind: 'match'; session: SessionRecord; window: number } | { kind: 'expired' } | { kind: 'none' };

export class PairingCodes {
  constructor(private readonly rules: PairingRules) {}

  /** Only digits, exactly six, after spaces are dropped ("123 456" as the page shows it is fine). */
  static normalize(input: string): string | null {
    const digits = input.replace(/[\s\u00a0-]/g, '');
    return new RegExp(`^\\d{${PAIRING_CODE_DIGITS}}$`).test(digits) ? digits : null;
  }

  current(app: AppStep): PairingCodeNow {
    const window = this.windowOf(app);
    const nextAt = app.startedAt + (window + 1) * this.rules.periodMs;
    return {
      code: this.code(app.qrId, window),
      window,
      refreshMs: Math.max(1, nextAt - this.rules.clock.now()),
    };
  }

  /**
   * The session among `sessions` (pending cross-device ones of one identity) whose code is `code`: from a window
   * still within the maximum age (`match`), from one a little older (`expired`), or none.
   */
  find(sessions: SessionRecord[], code: string): PairingMatch {
    const now = this.rules.clock.now();
    let expired = false;
    for (const session of sessions) {
      const app = session.app;
      if (!app || app.device !== 'cross') continue;
      const newest = this.windowOf(app);
      // The windows still fresh, and a few before them so that a code read out a moment too late is named so.
      const oldest = Math.max(0, newest - Math.ceil(this.rules.maxAgeMs / this.rules.periodMs) - 2);
      for (let window = newest; window >= oldest; window -= 1) {
        if (this.code(app.qrId, window) !== code) continue;
        const issuedAt = app.startedAt + window * this.rules.periodMs;
        if (now - issuedAt <= this.rules.maxAgeMs) return { kind: 'match', session, window };
        expired = true;
      }
    }
    return expired ? { kind: 'expired' } : { kind: 'none' };
  }

  /** Refuses a device that has sent too many wrong codes lately (before anything is compared). */
  async requireUnderLimit(deviceId: string): Promise<void> {
    const count = Number((await this.rules.state.get(this.wrongKey(deviceId))) ?? 0);
    if (count >= this.rules.wrongLimit) throw this.tooMany();
  }

  /** Counts one wrong code of `deviceId`; the answer is `pairing_invalid`, or `rate_limited` for the last one. */
  async wrong(deviceId: string): Promise<BrokerError> {
    const count = await this.rules.state.count(this.wrongKey(deviceId), this.rules.wrongWindowMs);
    if (count >= this.rules.wrongLimit) return this.tooMany();
    return new BrokerError('pairing_invalid', 'This is not the pairing code on the screen; check it and try again.');
  }

  private tooMany(): BrokerError {
    const window = Math.floor(this.rules.clock.now() / this.rules.wrongWindowMs);
    const endsIn = (window + 1) * this.rules.wrongWindowMs - this.rules.clock.now();
    return new BrokerError('rate_limited', 'Too many wrong pairing codes; wait a while and try again.').retryAfter(
      endsIn / 1000,
    );
  }

  private wrongKey(deviceId: string): string {
    const window = Math.floor(this.rules.clock.now() / this.rules.wrongWindowMs);
    return `pair-wrong:${window}:${deviceId}`;
  }

  private windowOf(app: AppStep): number {
    return Math.max(0, Math.floor((this.rules.clock.now() - app.startedAt) / this.rules.periodMs));
  }

  private code(qrId: string, window: number): string {
    const mac = createHmac('sha256', this.rules.secret).update(`mitid-pairing-v1.${qrId}.${window}`).digest();
    // 32 bits mod 10^6: the bias (under 0.03 %) is far below what a guesser could use.
    return String(mac.readUInt32BE(0) % 10 ** PAIRING_CODE_DIGITS).padStart(PAIRING_CODE_DIGITS, '0');
  }
}
