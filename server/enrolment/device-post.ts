/**
 * Where a code display or an audio code reader ordered at enrolment (step 6) goes: a {@link DevicePost}. A real
 * deployment hands the order to whoever programs and posts the devices (the serial number and secret, and the
 * person's contact details for the delivery notice); the device's secret leaves the broker only this way. The
 * embedded default keeps the newest parcels in memory, which is how the demo's simulated devices (and tests) get
 * hold of a device that was "posted" a moment ago.
 */
import type { EnrolContact } from '../../protocol/enrol-api.js';
import type { CodeMethod } from '../config/identities.js';

export interface PostedDevice {
  method: CodeMethod;
  /** As printed on the device's back: `1234-5678-90`. */
  serial: string;
  /** The TOTP secret (base32) the device is programmed with. */
  secret: string;
  /** When it was sent (broker clock, ms). */
  sentAt: number;
}

export interface DevicePost {
  send(device: PostedDevice, to: EnrolContact | undefined): Promise<void>;
}

/** Parcels the embedded post remembers (the newest); older ones are forgotten, their devices work on. */
export const MEMORY_POST_CAPACITY = 100;

/** The embedded post: the newest parcels in memory, newest first. */
export class MemoryDevicePost implements DevicePost {
  private readonly sent: PostedDevice[] = [];

  async send(device: PostedDevice): Promise<void> {
    this.sent.unshift({ ...device });
    this.sent.length = Math.min(this.sent.length, MEMORY_POST_CAPACITY);
  }

  parcels(): PostedDevice[] {
    return this.sent.map((device) => ({ ...device }));
  }

  find(serial: string): PostedDevice | undefined {
    const wanted = serial.replace(/[\s-]/g, '');
    const found = this.sent.find((device) => device.serial.replace(/-/g, '') === wanted);
    return found && { ...found };
  }
}
