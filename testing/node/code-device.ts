/**
 * The MitID code display and audio code reader played from Node: RFC 6238 TOTP (6 digits, 30 s, SHA-1) from the
 * device's base32 secret, as the broker checks it (server/authenticators/totp.ts) and the demo's /kodeviser/ page
 * shows it. The audio code reader says the same kind of code aloud; to a test both are the code they produce.
 */
import { Secret, TOTP } from 'otpauth';

export type CodeDeviceKind = 'code-display' | 'code-reader';

const DIGITS = 6;
const PERIOD_SECONDS = 30;

export class CodeDevice {
  private readonly totp: TOTP;

  constructor(
    readonly kind: CodeDeviceKind,
    /** The device's base32 secret (the identity's `totp[kind]`). */
    secretBase32: string,
    /** Where the device's time comes from (default `Date.now`): a test on a fake broker clock passes that clock. */
    private readonly now: () => number = Date.now,
  ) {
    this.totp = new TOTP({ secret: Secret.fromBase32(secretBase32), digits: DIGITS, period: PERIOD_SECONDS });
  }

  /** The code the device shows (or says) now. */
  code(at = this.now()): string {
    return this.totp.generate({ timestamp: at });
  }

  /** Seconds until the device shows the next code (1–30). */
  secondsLeft(at = this.now()): number {
    return PERIOD_SECONDS - (Math.floor(at / 1000) % PERIOD_SECONDS);
  }

  /**
   * The code of the next 30-second step: a code is accepted once, so a second login within the same step (the
   * hurried user trying twice) must wait for it; a test on a fake clock moves the clock, a real one waits.
   */
  nextCode(at = this.now()): string {
    return this.totp.generate({ timestamp: at + this.secondsLeft(at) * 1000 });
  }
}
