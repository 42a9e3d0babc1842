/**
 * The app's path without sight: instead of scanning, type the pairing code the login page shows beside its QR code
 * (and reads aloud). A labelled numeric field of its own, after the scan section; what goes wrong is said in its
 * alert, the field is marked invalid and gets focus back. A good code opens the request as a scan does.
 */
import type { AppRequest } from '../../../protocol/app-api.js';
import { ApiError } from '../shared/api.js';
import { el } from '../shared/dom.js';
import { explain } from './messages.js';

export interface PairingDeps {
  /** `POST /v1/app/pair`; rejects while no device is activated. */
  pair(code: string): Promise<AppRequest>;
  /** Opens the paired request (as after a scan). */
  open(requestId: string): Promise<void>;
  /** The failures that end more than this step (parallel requests, a forgotten device): true when handled. */
  handled(failure: unknown): Promise<boolean>;
}

const MESSAGES: Record<string, string> = {
  pairing_invalid: 'Parringskoden passer ikke. Tjek de 6 cifre på skærmen, og prøv igen.',
  pairing_expired: 'Parringskoden er for gammel eller allerede brugt. Indtast den kode, der vises nu.',
  rate_limited: 'Du har indtastet for mange forkerte parringskoder. Vent 10 minutter, og prøv igen.',
};

/** Puts the pairing section after `scanSection` and wires it. */
export function wirePairing(scanSection: HTMLElement, deps: PairingDeps): void {
  const input = el('input', {
    id: 'pair-code',
    inputmode: 'numeric',
    autocomplete: 'off',
    maxlength: '7',
    'aria-describedby': 'pair-code-hint pair-error',
  });
  const error = el('p', { id: 'pair-error', class: 'error', role: 'alert' });
  const form = el(
    'form',
    { id: 'pair-form', novalidate: true },
    el('label', { for: 'pair-code' }, 'Parringskode'),
    input,
    el('p', { id: 'pair-code-hint', class: 'hint' }, '6 cifre, for eksempel 123 456.'),
    el('button', { type: 'submit', class: 'secondary' }, 'Brug parringskoden'),
  );
  const section = el(
    'details',
    { class: 'scan', id: 'pair', open: true },
    el('summary', {}, 'Indtast parringskode'),
    el(
      'p',
      { class: 'hint' },
      'Kan du ikke scanne QR-koden? Ved siden af den står en parringskode på 6 cifre, som også kan læses op. ' +
        'Skriv den her.',
    ),
    form,
    error,
  );
  scanSection.after(section);

  function fail(message: string): void {
    error.textContent = message;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void submit();
  });
  input.addEventListener('input', () => input.removeAttribute('aria-invalid'));

  async function submit(): Promise<void> {
    error.textContent = '';
    const code = input.value.replace(/\s+/g, '');
    if (!/^\d{6}$/.test(code)) {
      fail('Skriv de 6 cifre i parringskoden.');
      return;
    }
    try {
      const request = await deps.pair(code);
      input.value = '';
      input.removeAttribute('aria-invalid');
      await deps.open(request.request_id);
    } catch (failure) {
      if (await deps.handled(failure)) return;
      fail((failure instanceof ApiError && MESSAGES[failure.code]) || explain(failure));
    }
  }
}
