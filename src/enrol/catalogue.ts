/**
 * What `<mitid-enrol>` says, in Danish (the default) and English: the brochure's guidance for getting MitID
 * (shared/seeds/), step by step, in plain words. Both languages ship in the element's chunk (they are small).
 */
import type { ChosenPasswordProblem, ChosenUserIdProblem } from '../../protocol/rules.js';
import type { ContactProblem, EnrolMethod } from '../../protocol/enrol-api.js';

/**
 * The methods this element offers at step 3. The broker takes a chip too (`POST /v1/enrol/chip-key…`); the element's
 * chip step is still to come.
 */
export type OfferedMethod = Exclude<EnrolMethod, 'chip'>;

export type EnrolLang = 'da' | 'en';

export interface EnrolTranslation {
  brand: string;
  progress: (step: number, of: number) => string;
  loading: string;
  busy: string;
  continue: string;
  back: string;
  cancel: string;
  terms: { heading: string; intro: string; points: readonly string[]; accept: string; missing: string };
  method: {
    heading: string;
    legend: string;
    names: Record<OfferedMethod, string>;
    help: Record<OfferedMethod, string>;
    missing: string;
  };
  contact: {
    heading: string;
    intro: string;
    email: string;
    phone: string;
    help: string;
    problems: Record<ContactProblem, string>;
  };
  userId: {
    heading: string;
    intro: string;
    label: string;
    help: string;
    problems: Record<ChosenUserIdProblem, string>;
    taken: string;
  };
  app: {
    getHeading: string;
    get: string;
    share: string;
    haveIt: string;
    activateHeading: string;
    activate: string;
    qrLabel: string;
    codeText: string;
    waiting: string;
    check: string;
    newCode: string;
  };
  device: {
    orderHeading: Record<'code-display' | 'code-reader', string>;
    order: string;
    orderButton: string;
    sent: (serial: string) => string;
    orderAgain: string;
    haveIt: string;
    activateHeading: Record<'code-display' | 'code-reader', string>;
    activate: string;
    serial: string;
    serialHelp: string;
    code: string;
    password: string;
    passwordHelp: string;
    passwordProblems: Record<ChosenPasswordProblem, string>;
    missing: string;
    wrongCode: (left: number) => string;
    codeUsed: string;
  };
  done: { heading: string; text: (userId: string) => string; notice: string };
  error: { heading: string };
  errors: {
    expired: string;
    missingToken: string;
    network: string;
    rateLimited: string;
    generic: string;
  };
}

const da: EnrolTranslation = {
  brand: 'MitID',
  progress: (step, of) => `Trin ${step} af ${of}`,
  loading: 'Henter din tilmelding …',
  busy: 'Vent et øjeblik …',
  continue: 'Fortsæt',
  back: 'Tilbage',
  cancel: 'Afbryd',
  terms: {
    heading: 'Vilkår for MitID',
    intro:
      'Med MitID logger du på og godkender i netbanken og hos det offentlige. Dit MitID er personligt: giv aldrig dit bruger-ID, din adgangskode eller dine koder til andre – heller ikke til nogen, der ringer og siger, at de er fra banken eller MitID.',
    points: [
      'Læs altid, hvad du godkender.',
      'Godkend aldrig noget, du ikke selv har sat i gang.',
      'Du får altid besked, når MitID aktiveres på en ny enhed.',
    ],
    accept: 'Jeg har læst og accepterer vilkårene for MitID',
    missing: 'Sæt flueben for at acceptere vilkårene. Du kan ikke få MitID uden.',
  },
  method: {
    heading: 'Vælg, hvordan du vil bruge MitID',
    legend: 'Din MitID-løsning',
    names: { app: 'MitID-appen', 'code-display': 'Kodeviser', 'code-reader': 'Kodeoplæser' },
    help: {
      app: 'Til de fleste. Du godkender i appen på din mobil eller tablet.',
      'code-display': 'En lille enhed, der viser en kode, som du skriver. Til dig, der ikke bruger appen.',
      'code-reader': 'En enhed, der læser koden højt. Til dig, der er blind eller svagsynet.',
    },
    missing: 'Vælg en af løsningerne.',
  },
  contact: {
    heading: 'Hvor skal vi give dig besked?',
    intro: 'Vi giver dig besked, når der sker noget vigtigt med dit MitID, fx når det bliver aktiveret på en ny enhed.',
    email: 'E-mail',
    phone: 'Mobilnummer',
    help: 'Udfyld mindst én af dem.',
    problems: {
      none: 'Skriv en e-mail eller et mobilnummer.',
      email: 'E-mailen ser ikke rigtig ud. Skriv den som navn@eksempel.dk.',
      phone: 'Skriv mobilnummeret med 8 cifre, eller med + og landekode.',
    },
  },
  userId: {
    heading: 'Vælg dit bruger-ID',
    intro: 'Dit bruger-ID skriver du, når du logger på. Du kan ændre det senere.',
    label: 'Bruger-ID',
    help: 'Vælg noget, der er let for dig at huske og svært for andre at gætte. Mindst 6 tegn: bogstaver, tal og . _ - @ +. Aldrig dit CPR-nummer.',
    problems: {
      empty: 'Skriv et bruger-ID.',
      'too-long': 'Dit bruger-ID må højst være 64 tegn.',
      'invalid-characters': 'Brug kun bogstaver, tal og tegnene . _ - @ +.',
      cpr: 'Et bruger-ID må aldrig indeholde et CPR-nummer. Vælg noget andet.',
      'too-short': 'Vælg mindst 6 tegn.',
      'all-digits': 'Brug ikke kun tal. Tilføj bogstaver.',
      name: 'Brug ikke dit navn. Det er let at gætte.',
      email: 'Brug ikke din e-mail. Den er let at gætte.',
      common: 'Det bruger-ID vælger mange. Vælg noget mere personligt.',
    },
    taken: 'Det bruger-ID er optaget. Vælg et andet.',
  },
  app: {
    getHeading: 'Hent MitID-appen',
    get: 'Hent MitID-appen i App Store eller Google Play på din mobil eller tablet. Installér den gerne på flere enheder, så du har en reserve.',
    share: 'I en husstand må I dele en enhed med appen, når hver af jer har sit eget bruger-ID og sin egen PIN-kode.',
    haveIt: 'Jeg har appen',
    activateHeading: 'Aktivér MitID-appen',
    activate: 'Åbn MitID-appen, vælg »Aktivér MitID«, og scan QR-koden. Vælg derefter en PIN-kode i appen.',
    qrLabel: 'QR-kode til at aktivere MitID-appen',
    codeText: 'Kan du ikke scanne? Skriv denne kode i appen:',
    waiting: 'Vi venter på, at du aktiverer appen …',
    check: 'Jeg har aktiveret appen',
    newCode: 'Ny kode',
  },
  device: {
    orderHeading: { 'code-display': 'Bestil din kodeviser', 'code-reader': 'Bestil din kodeoplæser' },
    order: 'Vi sender enheden med posten sammen med et brev. Du kan også hente den i Borgerservice.',
    orderButton: 'Bestil enheden',
    sent: (serial) => `Enheden er sendt. Dens serienummer, ${serial}, står på bagsiden.`,
    orderAgain: 'Bestil en ny',
    haveIt: 'Jeg har enheden',
    activateHeading: { 'code-display': 'Aktivér din kodeviser', 'code-reader': 'Aktivér din kodeoplæser' },
    activate: 'Tænd enheden. Skriv serienummeret fra bagsiden og den kode, enheden giver dig nu.',
    serial: 'Serienummer',
    serialHelp: 'Fx 1234-5678-90.',
    code: 'Kode fra enheden',
    password: 'Vælg en adgangskode',
    passwordHelp: 'Mindst 8 tegn. Ikke dit bruger-ID, dit CPR-nummer eller et ord, mange bruger.',
    passwordProblems: {
      'too-short': 'Vælg mindst 8 tegn.',
      'too-long': 'Adgangskoden må højst være 128 tegn.',
      'user-id': 'Adgangskoden må ikke indeholde dit bruger-ID.',
      cpr: 'Adgangskoden må aldrig indeholde et CPR-nummer.',
      common: 'Den adgangskode vælger mange. Vælg noget mere personligt.',
    },
    missing: 'Skriv serienummeret og koden fra enheden.',
    wrongCode: (left) =>
      left === 1
        ? 'Serienummeret eller koden passer ikke. Du har 1 forsøg tilbage.'
        : `Serienummeret eller koden passer ikke. Du har ${left} forsøg tilbage.`,
    codeUsed: 'Koden er brugt. Vent på den næste kode på enheden.',
  },
  done: {
    heading: 'Du har nu MitID',
    text: (userId) => `Dit bruger-ID er ${userId}. Du kan nu logge på med MitID.`,
    notice: 'Du får besked, hver gang MitID aktiveres på en ny enhed.',
  },
  error: { heading: 'Tilmeldingen kan ikke fortsætte' },
  errors: {
    expired: 'Tilmeldingen er udløbet eller afbrudt. Start forfra i netbanken.',
    missingToken: 'Tilmeldingen kan ikke starte: siden har ikke givet den sin nøgle. Start forfra i netbanken.',
    network: 'Der er ingen forbindelse. Tjek din internetforbindelse, og prøv igen.',
    rateLimited: 'For mange forsøg. Vent lidt, og prøv igen.',
    generic: 'Noget gik galt. Prøv igen.',
  },
};

const en: EnrolTranslation = {
  brand: 'MitID',
  progress: (step, of) => `Step ${step} of ${of}`,
  loading: 'Fetching your enrolment …',
  busy: 'One moment …',
  continue: 'Continue',
  back: 'Back',
  cancel: 'Cancel',
  terms: {
    heading: 'Terms of MitID',
    intro:
      'With MitID you log in and approve in your net bank and with public authorities. Your MitID is personal: never give your user ID, your password or your codes to anyone – not even to someone who calls and says they are from the bank or MitID.',
    points: [
      'Always read what you approve.',
      'Never approve anything you did not start yourself.',
      'You are always told when MitID is activated on a new device.',
    ],
    accept: 'I have read and accept the terms of MitID',
    missing: 'Tick the box to accept the terms. You cannot get MitID without them.',
  },
  method: {
    heading: 'Choose how you will use MitID',
    legend: 'Your MitID solution',
    names: { app: 'The MitID app', 'code-display': 'Code display', 'code-reader': 'Audio code reader' },
    help: {
      app: 'For most people. You approve in the app on your phone or tablet.',
      'code-display': 'A small device that shows a code for you to type. For those who do not use the app.',
      'code-reader': 'A device that reads the code aloud. For those who are blind or have low vision.',
    },
    missing: 'Choose one of the solutions.',
  },
  contact: {
    heading: 'Where should we tell you?',
    intro: 'We tell you when something important happens to your MitID, such as its activation on a new device.',
    email: 'E-mail',
    phone: 'Mobile number',
    help: 'Fill in at least one of them.',
    problems: {
      none: 'Enter an e-mail address or a mobile number.',
      email: 'The e-mail address does not look right. Write it as name@example.com.',
      phone: 'Enter the mobile number with 8 digits, or with + and the country code.',
    },
  },
  userId: {
    heading: 'Choose your user ID',
    intro: 'You type your user ID when you log in. You can change it later.',
    label: 'User ID',
    help: 'Choose something easy for you to remember and hard for others to guess. At least 6 characters: letters, digits and . _ - @ +. Never your CPR number.',
    problems: {
      empty: 'Enter a user ID.',
      'too-long': 'Your user ID can be at most 64 characters.',
      'invalid-characters': 'Use only letters, digits and the characters . _ - @ +.',
      cpr: 'A user ID must never contain a CPR number. Choose something else.',
      'too-short': 'Choose at least 6 characters.',
      'all-digits': 'Do not use only digits. Add letters.',
      name: 'Do not use your name. It is easy to guess.',
      email: 'Do not use your e-mail address. It is easy to guess.',
      common: 'Many people choose that user ID. Choose something more personal.',
    },
    taken: 'That user ID is taken. Choose another one.',
  },
  app: {
    getHeading: 'Get the MitID app',
    get: 'Get the MitID app from the App Store or Google Play on your phone or tablet. You may install it on several devices, as a backup.',
    share: 'A household may share a device with the app, as long as each of you has your own user ID and PIN.',
    haveIt: 'I have the app',
    activateHeading: 'Activate the MitID app',
    activate: 'Open the MitID app, choose “Activate MitID”, and scan the QR code. Then choose a PIN in the app.',
    qrLabel: 'QR code to activate the MitID app',
    codeText: 'Cannot scan? Type this code in the app:',
    waiting: 'Waiting for you to activate the app …',
    check: 'I have activated the app',
    newCode: 'New code',
  },
  device: {
    orderHeading: { 'code-display': 'Order your code display', 'code-reader': 'Order your audio code reader' },
    order: 'We send the device by post with a letter. You can also collect it at Borgerservice.',
    orderButton: 'Order the device',
    sent: (serial) => `The device has been sent. Its serial number, ${serial}, is on its back.`,
    orderAgain: 'Order a new one',
    haveIt: 'I have the device',
    activateHeading: { 'code-display': 'Activate your code display', 'code-reader': 'Activate your audio code reader' },
    activate: 'Turn the device on. Enter the serial number from its back and the code the device gives you now.',
    serial: 'Serial number',
    serialHelp: 'For example 1234-5678-90.',
    code: 'Code from the device',
    password: 'Choose a password',
    passwordHelp: 'At least 8 characters. Not your user ID, your CPR number or a word many people use.',
    passwordProblems: {
      'too-short': 'Choose at least 8 characters.',
      'too-long': 'The password can be at most 128 characters.',
      'user-id': 'The password must not contain your user ID.',
      cpr: 'The password must never contain a CPR number.',
      common: 'Many people choose that password. Choose something more personal.',
    },
    missing: 'Enter the serial number and the code from the device.',
    wrongCode: (left) =>
      left === 1
        ? 'The serial number or the code is not right. You have 1 try left.'
        : `The serial number or the code is not right. You have ${left} tries left.`,
    codeUsed: 'That code has been used. Wait for the next code on the device.',
  },
  done: {
    heading: 'You now have MitID',
    text: (userId) => `Your user ID is ${userId}. You can now log in with MitID.`,
    notice: 'You are told whenever MitID is activated on a new device.',
  },
  error: { heading: 'The enrolment cannot go on' },
  errors: {
    expired: 'The enrolment has expired or was cancelled. Start again in your net bank.',
    missingToken: 'The enrolment cannot start: the page did not give it its key. Start again in your net bank.',
    network: 'There is no connection. Check your internet connection and try again.',
    rateLimited: 'Too many tries. Wait a moment and try again.',
    generic: 'Something went wrong. Try again.',
  },
};

const catalogues: Record<EnrolLang, EnrolTranslation> = { da, en };

/** The catalogue for a `lang` value: English for `en` and `en-*`, else Danish. */
export function enrolTranslation(lang: string): EnrolTranslation {
  return catalogues[lang.toLowerCase().startsWith('en') ? 'en' : 'da'];
}
