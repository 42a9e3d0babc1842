/** Where the MitID app runs for a session: the host's `device`, or, for `auto`, a guess from the screen. */
import type { DeviceKind } from '../protocol/page-api.js';

export function resolveDevice(device: 'auto' | DeviceKind): DeviceKind {
  if (device === 'same' || device === 'cross') return device;
  // A phone cannot scan its own screen: on a small touch screen, open the app on this device instead.
  const phone = globalThis.matchMedia?.('(pointer: coarse) and (max-width: 60em)').matches ?? false;
  return phone ? 'same' : 'cross';
}
