/** What the simulated app says about broker answers, in Danish. */
import { ApiError } from '../shared/api.js';
import { SUPPORT, when } from './labels.js';

const BY_CODE: Record<string, string> = {
  qr_expired: 'QR-koden er for gammel eller allerede brugt. Scan den, der vises nu.',
  qr_invalid: 'Det er ikke en gyldig MitID QR-kode.',
  invalid_device: 'Denne anmodning er til et andet MitID.',
  locked: `Dit MitID er spærret. Kontakt ${SUPPORT}.`,
  session_finished: 'Anmodningen er allerede afsluttet.',
  not_found: 'Anmodningen findes ikke længere.',
  invalid_user_id: 'Skriv et gyldigt bruger-ID.',
  invalid_activation: 'Bruger-ID og kode passer ikke sammen, eller koden er brugt eller udløbet.',
  activation_required: 'Skriv aktiveringskoden fra dit brev eller koden fra netbanken.',
  parallel_session:
    'Der blev startet en anden anmodning med dit MitID samtidig, så begge er stoppet. ' +
    `Har du ikke selv gjort det, så kontakt ${SUPPORT}.`,
  invalid_token: 'Appen er ikke længere aktiveret. Aktivér den igen.',
  invalid_signature: 'Enhedens underskrift blev afvist.',
  wrong_step: 'Scan QR-koden på skærmen først.',
  rate_limited: 'For mange forsøg. Vent lidt, og prøv igen.',
};

export function explain(error: unknown): string {
  if (error instanceof ApiError && error.code === 'device_pending') {
    const from = error.details.active_from;
    return typeof from === 'string'
      ? `Appen er ikke aktiv endnu. Den kan godkende fra ${when(from)}.`
      : 'Appen er ikke aktiv endnu. Vent, til ventetiden er gået.';
  }
  if (error instanceof ApiError) return BY_CODE[error.code] ?? `Det lykkedes ikke (${error.code}).`;
  return 'Der er ingen forbindelse. Prøv igen.';
}
