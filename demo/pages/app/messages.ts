/** What the simulated app says about broker answers, in Danish. */
import { ApiError } from '../shared/api.js';

const BY_CODE: Record<string, string> = {
  qr_expired: 'QR-koden er for gammel eller allerede brugt. Scan den, der vises nu.',
  qr_invalid: 'Det er ikke en gyldig MitID QR-kode.',
  invalid_device: 'Denne anmodning er til et andet MitID.',
  locked: 'Dit MitID er spærret. Kontakt MitID support på tlf. 33 98 00 10.',
  session_finished: 'Anmodningen er allerede afsluttet.',
  not_found: 'Anmodningen findes ikke længere.',
  wrong_password: 'Forkert bruger-ID eller adgangskode.',
  invalid_user_id: 'Forkert bruger-ID eller adgangskode.',
  invalid_token: 'Appen er ikke længere aktiveret. Aktivér den igen.',
  invalid_signature: 'Enhedens underskrift blev afvist.',
  wrong_step: 'Scan QR-koden på skærmen først.',
  rate_limited: 'For mange forsøg. Vent lidt, og prøv igen.',
};

export function explain(error: unknown): string {
  if (error instanceof ApiError) return BY_CODE[error.code] ?? `Det lykkedes ikke (${error.code}).`;
  return 'Der er ingen forbindelse. Prøv igen.';
}
