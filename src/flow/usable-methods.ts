/**
 * The methods the browser in front of the page can use: the broker's list for the client, without the chip where
 * the browser has no WebAuthn (choosing it could only end at an error). It depends on the browser alone, never on
 * the user ID, so the list still says nothing about which methods a user ID has.
 */
import type { Method } from '../../protocol/page-api.js';

export function usableMethods(offered: readonly Method[], browser: { webauthn?: boolean }): Method[] {
  return browser.webauthn === false ? offered.filter((method) => method !== 'chip') : [...offered];
}
