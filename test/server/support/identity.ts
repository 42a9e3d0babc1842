/** Helpers for the identity-lifecycle tests: letters from the broker's own issuer, apps activated with them. */
import { AppDevice, injectPort } from '../../../testing/node/index.js';
import type { OutgoingNotice } from '../../../server/identity/notices.js';
import { BANK_ORIGIN, type TestBroker } from './broker.js';

/** A fresh letter for the identity, as Borgerservice would print it (the broker keeps only its hash). */
export function newLetter(broker: TestBroker, userId: string): Promise<string> {
  return broker.app.broker.proofs.issueLetter(userId);
}

/** An app activated with a fresh letter: active at once. */
export async function activateByLetter(broker: TestBroker, userId: string, name = 'Test phone'): Promise<AppDevice> {
  return AppDevice.activate(injectPort(broker.app), { userId, name, activationCode: await newLetter(broker, userId) });
}

/** Trades a login's assertion for an activation ticket, from the bank's page. */
export function requestTicket(broker: TestBroker, assertion: string, origin = BANK_ORIGIN) {
  return broker.app.inject({
    method: 'POST',
    url: '/v1/activation-tickets',
    headers: { origin },
    payload: { assertion },
  });
}

/** What the broker sent to the identity's contact channel (its in-memory outbox). */
export function outbox(broker: TestBroker, userId: string): OutgoingNotice[] {
  const notifier = broker.app.broker.notifier as { messages?: (userId?: string) => OutgoingNotice[] };
  return notifier.messages?.(userId) ?? [];
}
