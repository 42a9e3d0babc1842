/**
 * What the browser in front of the page is: where the MitID app runs for a session (the host's `device`, or, for
 * `auto`, a guess from the screen), and whether it can use a MitID chip.
 */
import type { DeviceKind } from '../protocol/page-api.js';

export function resolveDevice(device: 'auto' | DeviceKind): DeviceKind {
  if (device === 'same' || device === 'cross') return device;
  // A phone cannot scan its own screen: on a small touch screen, open the app on this device instead.
  const phone = globalThis.matchMedia?.('(pointer: coarse) and (max-width: 60em)').matches ?? false;
  return phone ? 'same' : 'cross';
}

/**
 * Whether this browser can use a MitID chip: WebAuthn is there only in a secure context (https or localhost) and in
 * browsers that have `PublicKeyCredential`. The same test as the chip step's own, without loading its module.
 */
export function hasWebAuthn(): boolean {
  return globalThis.isSecureContext !== false && typeof globalThis.PublicKeyCredential === 'function';
}
