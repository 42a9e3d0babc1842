/**
 * Chip enrolment for a test identity: the broker's `/v1/enrol/chip/options` (user ID and password) gives WebAuthn
 * creation options, the browser makes the credential (a security key, a passkey, or in tests Chromium's virtual
 * authenticator), and `/v1/enrol/chip` keeps its public key for later logins.
 */
import { startRegistration } from '@simplewebauthn/browser';
import { ApiError, postJson } from './shared/api.js';
import { announce, byId, el, fill } from './shared/dom.js';
import { loadIdentities, type TestIdentity } from './shared/identities.js';

type CreationOptions = Parameters<typeof startRegistration>[0]['optionsJSON'];

const form = byId<HTMLFormElement>('enrol-form');
const error = byId('enrol-error');
const status = byId('enrol-status');
const select = byId<HTMLSelectElement>('pick-identity');
let identities: TestIdentity[] = [];

const REASONS: Record<string, string> = {
  wrong_password: 'Forkert bruger-ID eller adgangskode.',
  method_unavailable: 'Denne bruger har ikke chip som metode.',
  locked: 'Dette MitID er spærret.',
  webauthn_failed: 'Nøglen blev ikke godkendt. Er den allerede tilmeldt?',
  origin_not_allowed: 'Tilmelding skal ske fra demoens egen adresse.',
};

function pick(): void {
  const identity = identities.find((candidate) => candidate.user_id === select.value);
  byId<HTMLInputElement>('user-id').value = identity?.user_id ?? '';
  byId<HTMLInputElement>('password').value = identity?.password ?? '';
  byId('password-hint').textContent = identity ? `Demo-adgangskode: ${identity.password}` : '';
}

async function enrol(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  error.textContent = '';
  const userId = byId<HTMLInputElement>('user-id').value.trim();
  const password = byId<HTMLInputElement>('password').value;
  if (!userId || !password) return void (error.textContent = 'Skriv bruger-ID og adgangskode.');
  try {
    const { enrolment_token, options } = await postJson<{ enrolment_token: string; options: CreationOptions }>(
      '/v1/enrol/chip/options',
      { user_id: userId, password },
    );
    announce(status, 'Brug din sikkerhedsnøgle nu …');
    const response = await startRegistration({ optionsJSON: options });
    await postJson('/v1/enrol/chip', { enrolment_token, response });
    announce(status, `Sikkerhedsnøglen er tilmeldt ${userId}. Du kan nu logge på med chip.`, 'ok');
  } catch (failure) {
    announce(status, '');
    if (failure instanceof ApiError) error.textContent = REASONS[failure.code] ?? failure.message;
    else error.textContent = 'Nøglen blev ikke tilmeldt (afbrudt, eller browseren kan ikke bruge sikkerhedsnøgler).';
  }
}

async function start(): Promise<void> {
  try {
    identities = (await loadIdentities()).filter((identity) => identity.methods.includes('chip') && !identity.locked);
  } catch {
    identities = [];
  }
  fill(
    select,
    ...identities.map((identity) =>
      el('option', { value: identity.user_id }, `${identity.name} (${identity.user_id})`),
    ),
  );
  select.addEventListener('change', pick);
  pick();
  form.addEventListener('submit', (event) => void enrol(event));
}

void start();
