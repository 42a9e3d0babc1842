/**
 * RFC 6238 codes of the code display and the audio code reader: 6 digits, 30 s steps, one step of drift either
 * way. A code that was accepted once is not accepted again for the same device (replay within its window).
 */
import { Secret, TOTP } from 'otpauth';
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';

const PERIOD_SECONDS = 30;

// The newest accepted step is remembered a little longer than a code can be valid (one step of drift each way).
const REMEMBER_MS = 4 * PERIOD_SECONDS * 1000;

export class TotpVerifier {
  private readonly dummy = new Secret({ size: 20 });

  constructor(
    private readonly clock: Clock,
    /** Where the newest accepted step per device lives: shared, so a code works once across all instances. */
    private readonly state: SharedState,
  ) {}

  /**
   * Checks `code` against `secretBase32` (undefined when the user ID has no such device: then a dummy secret is
   * used, so the work done is the same). `deviceKey` names the device for replay protection. `used`: a right code
   * that was accepted already (or one older than an accepted one): the user should wait for the next code, and it
   * is no wrong try. Only a right code can be `used`, so an unknown user ID never gets it.
   */
  async verify(deviceKey: string, secretBase32: string | undefined, code: string): Promise<'ok' | 'wrong' | 'used'> {
    const secret = secretBase32 ? Secret.fromBase32(secretBase32) : this.dummy;
    const totp = new TOTP({ secret, digits: 6, period: PERIOD_SECONDS, algorithm: 'SHA1' });
    const timestamp = this.clock.now();
    const delta = totp.validate({ token: code, timestamp, window: 1 });
    if (delta === null || !secretBase32) return 'wrong';
    const counter = Math.floor(timestamp / 1000 / PERIOD_SECONDS) + delta;
    // Atomic compare-and-raise: of two instances given the same code at once, one accepts it.
    return (await this.state.raise(`totp:${deviceKey}`, counter, REMEMBER_MS)) ? 'ok' : 'used';
  }
}
