/** What the demo pages say when their back end refuses an assertion (codes of `mitid-login/verify` and the RP). */
const DANISH: Record<string, string> = {
  transaction_mismatch: 'Den godkendte tekst er ikke den tekst, banken bad om. Intet er gennemført.',
  wrong_mode: 'Godkendelsen var af den forkerte slags. Intet er gennemført.',
  wrong_nonce: 'Godkendelsen hører ikke til denne side. Prøv igen.',
  replayed: 'Godkendelsen er allerede brugt én gang.',
  expired: 'Godkendelsen er udløbet. Prøv igen.',
  other_user: 'Godkendelsen kom fra en anden bruger end den, der er logget på.',
};

const ENGLISH: Record<string, string> = {
  wrong_nonce: 'The login does not belong to this page. Please try again.',
  replayed: 'This login has already been used.',
  expired: 'The login has expired. Please try again.',
};

export function refusal(code: string, lang: 'da' | 'en' = 'da'): string {
  if (lang === 'en') return ENGLISH[code] ?? `Your login could not be verified (${code}). Please try again.`;
  return DANISH[code] ?? `Dit MitID kunne ikke kontrolleres (${code}). Prøv igen.`;
}
