/**
 * "Aktivér MitID app på en ny enhed": a user who has just logged in may add an app without a letter. With the access
 * its login bought (./identity-access.ts) the page asks the broker for a one-time ticket
 * (`POST /v1/identity/activation-ticket`); the user types the ticket into the new app, which then waits out the
 * broker's waiting period. The access lasts a few minutes: after that, the user logs in again.
 */
import type { ActivationTicketResponse } from '../../../protocol/page-api.js';
import { ApiError } from '../shared/api.js';
import { byId, focusHeading } from '../shared/dom.js';
import type { IdentityAccessClient } from './identity-access.js';

const AGAIN = 'Log af, og log på igen for at få en ny kode.';

const REASONS: Record<string, string> = {
  login_required: `Dit login kan ikke længere bruges til at aktivere en ny enhed (det er for gammelt). ${AGAIN}`,
  rate_limited: 'For mange forsøg. Vent lidt, og prøv igen.',
};

export interface NewDeviceSection {
  loggedOut(): void;
}

export function newDeviceSection(access: IdentityAccessClient): NewDeviceSection {
  const error = byId('new-device-error');
  const ticket = byId('ticket');

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
    if (!access.usable) {
      error.textContent = `Siden husker kun dit login, indtil du genindlæser den. ${AGAIN}`;
      return;
    }
    try {
      showTicket(await access.ticket());
    } catch (failure) {
      ticket.hidden = true;
      error.textContent =
        failure instanceof ApiError
          ? (REASONS[failure.code] ?? `Der kunne ikke laves en kode (${failure.code}).`)
          : 'Der er ingen forbindelse. Prøv igen.';
    }
  }

  byId('new-device-start').addEventListener('click', () => void requestTicket());

  return {
    loggedOut() {
      ticket.hidden = true;
      error.textContent = '';
    },
  };
}
