/**
 * Chip enrolment for a test identity. A key logs in at High, so no password can add one: the broker's
 * `/v1/enrol/chip/options` takes the user ID and the letter's activation code (or a ticket from a login with another
 * key) and gives WebAuthn creation options; the browser makes the credential (a security key, a passkey, or in tests
 * Chromium's virtual authenticator), and `/v1/enrol/chip` keeps its public key and uses the proof up.
 */
import { startRegistration } from '@simplewebauthn/browser';
import { ApiError, postJson } from './shared/api.js';
import { announce, byId } from './shared/dom.js';
import { letterPickerParts, startLetterPicker } from './shared/letter-picker.js';

type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

const form = byId<HTMLFormElement>('enrol-form');
const error = byId('enrol-error');
const status = byId('enrol-status');

const REASONS: Record<string, string> = {
  invalid_activation: 'Bruger-ID og aktiveringskode passer ikke sammen, eller koden er brugt eller udløbet.',
  activation_required:
    'En chip kræver brevets aktiveringskode, eller en kode fra netbanken efter et login med en anden chip.',
  method_unavailable: 'Denne bruger har ikke chip som metode.',
  locked: 'Dette MitID er spærret.',
  webauthn_failed: 'Nøglen blev ikke godkendt. Er den allerede tilmeldt?',
  origin_not_allowed: 'Tilmelding skal ske fra demoens egen adresse.',
  rate_limited: 'For mange forsøg. Vent lidt, og prøv igen.',
};

/** A ticket from a login is 8 characters, a letter's code 12 (dashes and spaces aside). */
function proofOf(typed: string): { activation_code: string } | { activation_ticket: string } {
  return typed.replace(/[\s-]/g, '').length === 8 ? { activation_ticket: typed } : { activation_code: typed };
}

async function enrol(event: SubmitEvent, refresh: () => Promise<void>): Promise<void> {
  event.preventDefault();
  error.textContent = '';
  const userId = byId<HTMLInputElement>('user-id').value.trim();
  const typed = byId<HTMLInputElement>('activation-code').value.trim();
  if (!userId || !typed) return void (error.textContent = 'Skriv bruger-ID og aktiveringskode.');
  try {
    const { enrolment_token, options } = await postJson<{ enrolment_token: string; options: CreationOptions }>(
      '/v1/enrol/chip/options',
      { user_id: userId, ...proofOf(typed) },
    );
    announce(status, 'Brug din sikkerhedsnøgle nu …');
    const response = await startRegistration({ optionsJSON: options });
    await postJson('/v1/enrol/chip', { enrolment_token, response });
    announce(
      status,
      `Sikkerhedsnøglen er tilmeldt ${userId}. Du kan nu logge på med chip: først nøglen, så adgangskoden.`,
      'ok',
    );
    // The code is used up now: the picker says so, and offers a new letter for the next key.
    await refresh();
  } catch (failure) {
    announce(status, '');
    if (failure instanceof ApiError) error.textContent = REASONS[failure.code] ?? failure.message;
    else
      error.textContent =
        'Nøglen blev ikke tilmeldt. Enten blev det afbrudt, eller også kan browseren ikke bruge sikkerhedsnøgler.';
  }
}

async function start(): Promise<void> {
  const picker = await startLetterPicker(
    letterPickerParts((identity) => identity.methods.includes('chip') && !identity.locked),
  );
  form.addEventListener('submit', (event) => void enrol(event, picker.refresh));
}

void start();
