/**
 * "Aktivér MitID app på en ny enhed": a user who has just logged in may add an app without a letter. The page keeps
 * its login's assertion in memory (never in storage) and trades it at the broker, from the origin the assertion was
 * made for, for a one-time ticket (`POST /v1/activation-tickets`); the user types the ticket into the new app. The
 * assertion works once and for a few minutes: after that, the user logs in again.
 */
import type { ActivationTicketResponse } from '../../../protocol/page-api.js';
import { ApiError, postJson } from '../shared/api.js';
import { byId, focusHeading } from '../shared/dom.js';

const AGAIN = 'Log af, og log på igen for at få en ny kode.';

const REASONS: Record<string, string> = {
  invalid_activation: `Dit login kan ikke længere bruges til at aktivere en ny enhed (det er brugt, eller det er for gammelt). ${AGAIN}`,
  rate_limited: 'For mange forsøg. Vent lidt, og prøv igen.',
};

export interface NewDeviceSection {
  /** After a verified login: `assertion` is the one the element handed over (undefined after a reload). */
  loggedIn(assertion: string | undefined): void;
  loggedOut(): void;
}

export function newDeviceSection(brokerUrl: () => string): NewDeviceSection {
  const error = byId('new-device-error');
  const ticket = byId('ticket');
  let assertion: string | undefined;

  function showTicket(issued: ActivationTicketResponse): void {
    byId('ticket-code').textContent = issued.activation_ticket;
    byId('ticket-spelled').textContent = [...issued.activation_ticket]
      .map((char) => (char === '-' ? ',' : char))
      .join(' ');
    const expires = new Date(issued.expires_at);
    const minutes = Math.max(1, Math.round((expires.getTime() - Date.now()) / 60_000));
    const until = expires.toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
    byId('ticket-valid').textContent = `Koden gælder i ${minutes} minutter (til kl. ${until}) og kan bruges én gang.`;
    byId('ticket-chip').hidden = !issued.kinds.includes('chip');
    ticket.hidden = false;
    focusHeading(byId('ticket-heading'));
  }

  async function requestTicket(): Promise<void> {
    error.textContent = '';
    if (!assertion) {
      error.textContent = `Siden husker kun dit login, indtil du genindlæser den. ${AGAIN}`;
      return;
    }
    try {
      showTicket(await postJson<ActivationTicketResponse>(`${brokerUrl()}/v1/activation-tickets`, { assertion }));
    } catch (failure) {
      ticket.hidden = true;
      if (failure instanceof ApiError && failure.code === 'invalid_activation') assertion = undefined;
      error.textContent =
        failure instanceof ApiError
          ? (REASONS[failure.code] ?? `Der kunne ikke laves en kode (${failure.code}).`)
          : 'Der er ingen forbindelse. Prøv igen.';
    }
  }

  byId('new-device-start').addEventListener('click', () => void requestTicket());

  return {
    loggedIn(next) {
      assertion = next;
    },
    loggedOut() {
      assertion = undefined;
      ticket.hidden = true;
      error.textContent = '';
    },
  };
}
