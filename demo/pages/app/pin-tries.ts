/**
 * The app PIN's tries. MitID's brochure (shared/seeds) says the app is opened and used with a PIN, but not how many
 * wrong PINs it takes: this demo allows PIN_TRIES wrong ones in a row, like a bank card, and then locks the app on
 * this device. Locked means what the real app asks of its user: activate it again. The device key and the PIN hash
 * are wiped here at once (one IndexedDB transaction), the broker is told to deactivate the device, and the count
 * lives in the stored activation, so neither a reload nor a second tab starts it again. An empty PIN is no try.
 */
import { ApiError } from '../shared/api.js';
import { byId } from '../shared/dom.js';
import { AppApi } from './broker-api.js';
import { checkPin } from './crypto.js';
import { loadActivation, replaceWithPinLock, saveActivation, savePinLock, type Activation } from './device-store.js';

export const PIN_TRIES = 3;

export type PinResult =
  | { kind: 'ok' }
  | { kind: 'empty' }
  | { kind: 'wrong'; left: number }
  | { kind: 'locked'; deviceId: string; deviceToken: string };

/** Checks `pin` against the activation and counts the try; on the last wrong one the activation is wiped. */
export async function tryPin(activation: Activation, pin: string): Promise<PinResult> {
  if (pin === '') return { kind: 'empty' };
  // The stored count, not this tab's copy: another tab may have counted tries, or locked the app already.
  const stored = await loadActivation();
  if (stored?.deviceId !== activation.deviceId) {
    return { kind: 'locked', deviceId: activation.deviceId, deviceToken: activation.deviceToken };
  }
  activation.pinFailures = stored.pinFailures;
  if (await checkPin(pin, activation.pin)) {
    if (activation.pinFailures) {
      activation.pinFailures = 0;
      await saveActivation(activation);
    }
    return { kind: 'ok' };
  }
  const failures = (activation.pinFailures ?? 0) + 1;
  activation.pinFailures = failures;
  if (failures < PIN_TRIES) {
    await saveActivation(activation);
    return { kind: 'wrong', left: PIN_TRIES - failures };
  }
  await replaceWithPinLock({
    lockedAt: new Date().toISOString(),
    deviceId: activation.deviceId,
    deviceToken: activation.deviceToken,
  });
  return { kind: 'locked', deviceId: activation.deviceId, deviceToken: activation.deviceToken };
}

/** What the PIN field's alert says. */
export function pinMessage(result: Exclude<PinResult, { kind: 'ok' } | { kind: 'locked' }>): string {
  if (result.kind === 'empty') return 'Indtast din PIN-kode.';
  if (result.left === 1) {
    return 'Forkert PIN-kode. Du har 1 forsøg tilbage. Taster du forkert igen, bliver appen låst og skal aktiveres igen.';
  }
  return `Forkert PIN-kode. Du har ${result.left} forsøg tilbage.`;
}

export const LOCKED_TEXT =
  `Appen er låst, fordi PIN-koden blev tastet forkert ${PIN_TRIES} gange. Den er fjernet fra denne enhed og kan ` +
  'ikke godkende noget. Aktivér den igen med et nyt brev eller en kode fra netbanken.';

/** The activation view's notice that the app was locked (it stays until the app is activated again). */
export function showLocked(): void {
  const notice = byId('pin-locked');
  notice.textContent = LOCKED_TEXT;
  notice.hidden = false;
}

/**
 * Tells the broker to deactivate the locked device, with the app API's self-revoke (`POST
 * /v1/app/authenticators/<own id>/revoke` with the device's token: the same call as »Fjern MitID fra denne enhed«).
 * Once told (or the broker no longer knows it), the token goes from the lock record; offline, the next start tries
 * again.
 */
export async function tellBrokerLocked(deviceToken: string, deviceId: string): Promise<void> {
  const told = await new AppApi(deviceToken).revoke(deviceId).then(
    () => true,
    // An answer that refuses (gone already: removed elsewhere, or the demo restarted) leaves nothing to deactivate.
    (failure: unknown) => failure instanceof ApiError,
  );
  if (told) await savePinLock({ lockedAt: new Date().toISOString(), deviceId }).catch(() => undefined);
}
