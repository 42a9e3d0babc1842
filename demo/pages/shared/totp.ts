/**
 * The simulated code display and audio code reader: RFC 6238 TOTP (6 digits, 30 s, SHA-1) computed in the
 * browser from the device's base32 secret, which the demo-only endpoint hands out.
 */
import { Secret, TOTP } from 'otpauth';
import { getJson } from './api.js';

interface DeviceSecret {
  secret: string;
  digits: number;
  period: number;
  algorithm: string;
}

export interface CodeDevice {
  /** The current code and the seconds it has left. */
  now(): { code: string; secondsLeft: number; period: number };
}

export async function openCodeDevice(userId: string, device: 'code-display' | 'code-reader'): Promise<CodeDevice> {
  return codeDevice(
    await getJson<DeviceSecret>(
      `/demo/api/identities/${encodeURIComponent(userId)}/devices/${encodeURIComponent(device)}`,
    ),
  );
}

/** A device posted to a new customer at enrolment, by the serial number on its back. */
export async function openPostedDevice(serial: string): Promise<CodeDevice> {
  return codeDevice(await getJson<DeviceSecret>(`/demo/api/parcels/${encodeURIComponent(serial)}`));
}

function codeDevice(info: DeviceSecret): CodeDevice {
  const totp = new TOTP({
    secret: Secret.fromBase32(info.secret),
    digits: info.digits,
    period: info.period,
    algorithm: info.algorithm,
  });
  return {
    now() {
      const timestamp = Date.now();
      const secondsLeft = info.period - (Math.floor(timestamp / 1000) % info.period);
      return { code: totp.generate({ timestamp }), secondsLeft, period: info.period };
    },
  };
}
