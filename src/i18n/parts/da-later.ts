/** Dansk (standard): what the steps after the user ID say, fetched with them (../translation.ts). */
import type { LaterStepsTranslation } from '../translation.js';
import { daFirst } from './da-first.js';

const tryAgain = 'Prøv igen om lidt.';
const contactService = 'Kontakt tjenesten, du prøver at bruge.';
const theText = 'Teksten, du skal godkende,';
const guessable = 'MitID med kodeviser, kodeoplæser og chip';
const tooManyTries = `Der har været for mange forkerte forsøg, så ${guessable} er spærret.`;

const timeOf = (at: Date) => new Intl.DateTimeFormat('da', { hour: '2-digit', minute: '2-digit' }).format(at);
const dateOf = (at: Date) => new Intl.DateTimeFormat('da', { day: 'numeric', month: 'long' }).format(at);

/** 900 → "15 minutter", 3600 → "1 time", 86400 → "24 timer". */
function duration(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return minutes === 1 ? '1 minut' : `${minutes} minutter`;
  const hours = Math.round(minutes / 60);
  return hours === 1 ? '1 time' : `${hours} timer`;
}

export const daLater: LaterStepsTranslation = {
  approveQuestion: 'Godkend følgende?',
  requestedBy: (serviceName) => `Anmodning fra ${serviceName}`,
  approveReminder:
    'Læs teksten, før du godkender. Godkend kun, hvis du selv har sat handlingen i gang, og teksten svarer til det, ' +
    'du vil gøre. Godkend aldrig, fordi nogen har bedt dig om det i et opkald, en e-mail eller en sms.',
  approveContinue: 'Fortsæt til godkendelse',

  methodHeading: { login: 'Vælg, hvordan du vil logge på', approve: 'Vælg, hvordan du vil godkende' },
  methodNames: {
    app: 'MitID app',
    'code-display': 'MitID kodeviser',
    'code-reader': 'MitID kodeoplæser',
    chip: 'MitID chip',
  },
  methodDescriptions: {
    app: 'Godkend med et swipe i appen på din telefon eller tablet.',
    'code-display': 'Indtast engangskoden fra din kodeviser.',
    'code-reader': 'Indtast engangskoden, som din kodeoplæser viser eller læser op.',
    chip: 'Brug din MitID chip (sikkerhedsnøgle) og din adgangskode.',
  },
  otherMethod: 'Vælg en anden metode',

  appHeading: 'Åbn MitID app og godkend',
  appInstructionCross: 'Åbn MitID app på din telefon eller tablet, og scan QR-koden. Godkend derefter i appen.',
  appInstructionSame:
    'Tryk på knappen for at åbne MitID app på denne enhed, og godkend dér. Kom så tilbage hertil. ' +
    'Siden fortsætter af sig selv.',
  openApp: 'Åbn MitID app',
  qrAlternative:
    'QR-kode til MitID app. Den skal scannes med appen. Kan du ikke scanne den, så vælg en anden metode, ' +
    'for eksempel MitID kodeoplæser.',
  qrLoading: 'Henter QR-kode …',
  qrAlternativePairing:
    'QR-kode til MitID app. Kan du ikke scanne den, så indtast parringskoden, der står under QR-koden, i MitID app.',
  pairingCodeIntro: 'Kan du ikke scanne? Indtast parringskoden i MitID app:',
  readPairingCode: 'Læs koden op',
  pairingCodeSpoken: (digits) => `Indtast parringskoden i MitID app: ${digits}`,
  hints: {
    'method-required': 'Forbinder til MitID …',
    outstanding: 'Venter på, at du åbner MitID app.',
    'qr-scanned': 'QR-koden er scannet. Åbn anmodningen i MitID app.',
    'user-signing': 'Godkend i MitID app.',
    'code-required': 'Venter på din engangskode.',
    'password-required': 'Venter på din adgangskode.',
    'chip-required': 'Venter på din MitID chip.',
  },
  pairingAccepted: 'Parringskoden er godkendt. Åbn anmodningen i MitID app.',
  timeLeft: (minutes, seconds) => `Tid tilbage: ${minutes}:${String(seconds).padStart(2, '0')}`,
  timeWarning: 'Der er under et minut tilbage. Vælg »Mere tid«, hvis du har brug for det.',
  moreTime: 'Mere tid',
  extended: 'Du har fået mere tid.',
  noMoreTime: 'Du kan ikke få mere tid.',

  codeHeading: 'Indtast engangskode',
  codeInstruction: {
    'code-display': 'Indtast den 6-cifrede kode, som din MitID kodeviser viser lige nu.',
    'code-reader': 'Indtast den 6-cifrede kode, som din MitID kodeoplæser viser eller læser op.',
  },
  codeLabel: 'Engangskode (6 cifre)',
  codeProblems: {
    empty: 'Indtast engangskoden.',
    format: 'Engangskoden skal være 6 cifre.',
    wrong: 'Engangskoden er forkert. Tjek den, og prøv igen.',
    used: 'Engangskoden er lige blevet brugt. Vent på den næste kode, og indtast den.',
    unavailable: 'Der er ingen forbindelse til MitID lige nu. Send koden igen om lidt.',
  },
  attemptsLeft: (attempts, blockSeconds) =>
    `Du har ${attempts} forsøg tilbage, før ${guessable} spærres ` +
    (blockSeconds === null ? 'og skal låses op af MitID support.' : `i ${duration(blockSeconds)}.`),
  blockedUntil: (until, today) =>
    until === null
      ? 'Kontakt MitID support for at få spærringen ophævet. Har du MitID app, kan du stadig bruge den.'
      : `Du kan prøve igen ${today ? '' : `${dateOf(until)} `}kl. ${timeOf(until)}. ` +
        'Har du MitID app, kan du bruge den imens.',

  passwordHeading: 'Indtast adgangskode',
  passwordInstruction: 'Indtast adgangskoden til dit MitID.',
  passwordLabel: 'Adgangskode',
  passwordProblems: {
    empty: 'Indtast din adgangskode.',
    'too-long': 'Adgangskoden er for lang. Den kan højst være 128 tegn.',
    wrong: 'Adgangskoden er forkert. Prøv igen.',
    unavailable: 'Der er ingen forbindelse til MitID lige nu. Prøv igen om lidt.',
  },
  userIdReminder: (userId) => `Bruger-ID: ${userId}`,
  submit: { login: 'Log på', approve: 'Godkend' },

  chipHeading: 'Brug din MitID chip',
  chipInstruction:
    'Sæt din MitID chip i, eller hold den mod enheden. Tryk derefter på knappen, og følg browserens vejledning.',
  chipStart: 'Brug MitID chip',
  chipWaiting: 'Følg browserens vejledning for at bruge din chip …',
  chipProblems: {
    failed: 'Din MitID chip kunne ikke godkendes. Prøv igen.',
    cancelled: 'Brugen af din chip blev afbrudt. Tryk på »Brug MitID chip« for at prøve igen.',
  },

  doneHeading: { login: 'Du er logget på', approve: 'Godkendt' },
  doneText: { login: 'Du er logget på med MitID.', approve: 'Du har godkendt med MitID.' },

  errorHeading: 'Det lykkedes ikke',
  textProblems: {
    empty: `${theText} er tom. ${contactService}`,
    'too-long': `${theText} er for lang. ${contactService}`,
    'control-characters': `${theText} indeholder styretegn. ${contactService}`,
    'direction-marks': `${theText} indeholder usynlige retningstegn, som kan bytte om på tal. ${contactService}`,
    'invisible-characters': `${theText} indeholder usynlige tegn. ${contactService}`,
    'blank-lines': `${theText} har for mange tomme linjer. ${contactService}`,
  },
  retry: 'Prøv igen',
  startOver: 'Start forfra',
  enterUserId: 'Indtast bruger-ID',
  errors: {
    rejected: 'Du afviste anmodningen i MitID app. Intet er godkendt.',
    expired: 'Tiden løb ud, før du godkendte. Intet er godkendt.',
    cancelled: 'Anmodningen blev afbrudt. Intet er godkendt.',
    locked: 'Dit MitID er spærret. Kontakt MitID support. Intet er godkendt.',
    blocked: tooManyTries,
    factor_blocked: tooManyTries,
    superseded: 'Du har startet MitID igen i en anden fane eller et andet vindue. Fortsæt dér.',
    code_used: 'Engangskoden er lige blevet brugt. Vent på den næste kode.',
    activation_required: `Der skal en aktiveringskode til. ${contactService}`,
    invalid_activation: 'Aktiveringskoden er forkert, brugt eller udløbet.',
    device_pending: 'Din MitID app er endnu ikke klar. Den bliver aktiv om lidt.',
    parallel_session:
      'Der blev startet en anden anmodning med dit bruger-ID samtidig, så begge er stoppet. ' +
      'Har du ikke selv gjort det, så kontakt MitID support.',
    'parallel-session':
      'Der blev startet en anden anmodning med dit bruger-ID samtidig, så begge er stoppet. ' +
      'Har du ikke selv gjort det, så kontakt MitID support.',
    internal: `MitID kunne ikke gennemføre anmodningen. Intet er godkendt. ${tryAgain}`,
    invalid_json: `Der skete en teknisk fejl. ${contactService}`,
    invalid_request: `Der skete en teknisk fejl. ${contactService}`,
    body_too_large: `Der skete en teknisk fejl. ${contactService}`,
    unsupported_media_type: `Der skete en teknisk fejl. ${contactService}`,
    not_found: `Der skete en teknisk fejl. ${contactService}`,
    unknown_client: `Tjenesten er ikke sat op til MitID. ${contactService}`,
    origin_not_allowed: `Denne side må ikke bruge MitID. ${contactService}`,
    invalid_user_id: 'Dit bruger-ID må kun indeholde bogstaver, tal og tegnene . _ @ + -',
    cpr_user_id: 'Dit bruger-ID må aldrig være dit CPR-nummer.',
    invalid_transaction_text: `${theText} kan ikke bruges. ${contactService}`,
    invalid_transaction: `Betalingen, du skal godkende, er ikke udfyldt rigtigt. ${contactService}`,
    mitid_text_too_long: `${theText} er for lang til MitID. ${contactService}`,
    session_not_found: 'Anmodningen findes ikke længere. Start forfra.',
    invalid_token: 'Anmodningen findes ikke længere. Start forfra.',
    session_finished: 'Anmodningen er allerede afsluttet. Start forfra.',
    wrong_step: `Der skete en fejl i rækkefølgen. ${tryAgain}`,
    method_unavailable: 'Den valgte metode kan ikke bruges her. Vælg en anden metode.',
    wrong_code: 'Engangskoden er forkert.',
    wrong_password: 'Adgangskoden er forkert.',
    extend_limit: 'Du kan ikke få mere tid.',
    rate_limited: `Der er for mange forsøg lige nu. ${tryAgain}`,
    store_unavailable: `MitID kan ikke bruges lige nu. Intet er ændret. ${tryAgain}`,
    broker_busy: `MitID har meget travlt lige nu. Intet er kontrolleret, og intet forsøg er brugt. ${tryAgain}`,
    method_change_limit: 'Du har skiftet metode for mange gange. Start forfra.',
    invalid_login_hint: 'Godkendelsen kunne ikke startes ud fra dit login. Indtast dit bruger-ID for at fortsætte.',
    login_hint_expired: 'Det er for længe siden, du loggede på. Indtast dit bruger-ID for at fortsætte.',
    login_hint_client: 'Dit login hører til en anden tjeneste. Indtast dit bruger-ID for at fortsætte.',
    qr_invalid: 'QR-koden kunne ikke bruges. Scan den nye QR-kode.',
    qr_expired: 'QR-koden er for gammel. Scan den nye QR-kode.',
    pairing_invalid: 'Parringskoden er forkert. Tjek den, og prøv igen.',
    pairing_expired: 'Parringskoden er for gammel eller allerede brugt. Indtast den kode, der vises nu.',
    invalid_signature: 'Godkendelsen fra MitID app kunne ikke kontrolleres. Intet er godkendt.',
    invalid_device: 'Din MitID app kunne ikke genkendes. Intet er godkendt.',
    webauthn_failed: 'Din MitID chip kunne ikke bruges. Intet er godkendt.',
    network: daFirst.errors.network,
    aborted: 'Anmodningen blev afbrudt.',
    bad_response: `MitID svarede ikke som forventet. ${tryAgain}`,
    missing_config: `Siden mangler oplysninger for at bruge MitID. ${contactService}`,
    webauthn_unsupported:
      'Din browser kan ikke bruge en MitID chip (WebAuthn). Brug en nyere browser, eller vælg en anden metode.',
    webauthn_cancelled: 'Brugen af din MitID chip blev afbrudt eller lykkedes ikke. Prøv igen.',
  },
  loginErrors: {
    rejected: 'Du afviste anmodningen i MitID app. Du er ikke logget på.',
    expired: 'Tiden løb ud, før du loggede på.',
    cancelled: 'Anmodningen blev afbrudt. Du er ikke logget på.',
    locked: 'Dit MitID er spærret. Kontakt MitID support. Du er ikke logget på.',
    internal: `MitID kunne ikke gennemføre anmodningen. Du er ikke logget på. ${tryAgain}`,
    invalid_signature: 'Godkendelsen fra MitID app kunne ikke kontrolleres. Du er ikke logget på.',
    invalid_device: 'Din MitID app kunne ikke genkendes. Du er ikke logget på.',
    webauthn_failed: 'Din MitID chip kunne ikke bruges. Du er ikke logget på.',
  },
};
