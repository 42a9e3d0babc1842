/** Dansk (standard): what the user-ID step and the element's frame say, in the first load (../translation.ts). */
import type { FirstStepTranslation } from '../translation.js';

export const daFirst: FirstStepTranslation = {
  $code: 'da',
  $name: 'Dansk',

  brand: 'MitID',
  heading: { login: 'Log på med MitID', approve: 'Godkend med MitID' },
  intro: {
    login: 'Indtast dit bruger-ID for at logge på.',
    approve: 'Indtast dit bruger-ID for at godkende.',
  },
  userIdLabel: 'Bruger-ID',
  userIdHint: 'Dit bruger-ID er aldrig dit CPR-nummer.',
  userIdProblems: {
    empty: 'Indtast dit bruger-ID.',
    'too-long': 'Dit bruger-ID er for langt. Det kan højst være 64 tegn.',
    cpr: 'Dit bruger-ID må aldrig være dit CPR-nummer. Brug det bruger-ID, du valgte, da du fik MitID.',
    'invalid-characters': 'Dit bruger-ID må kun indeholde bogstaver, tal og tegnene . _ @ + -',
  },
  rememberUserId: 'Husk mit bruger-ID på denne enhed',
  forgetUserId: 'Glem mit bruger-ID på denne enhed',
  userIdForgotten: 'Dit bruger-ID er ikke længere gemt på denne enhed.',
  continue: 'Fortsæt',
  cancel: 'Afbryd',
  cancelQuestion: {
    login: 'Vil du afbryde? Du er ikke logget på endnu.',
    approve: 'Vil du afbryde? Intet er godkendt endnu.',
  },
  cancelYes: 'Ja, afbryd',
  cancelNo: 'Nej, fortsæt',
  busy: 'Vent et øjeblik …',
  starting: 'Forbinder til MitID …',
  cancelledNotice: 'Du har afbrudt. Du kan starte forfra, når du er klar.',
  hintedIntro: 'Du godkender som den bruger, der er logget på. Du skal ikke indtaste dit bruger-ID igen.',
  connectionLost: 'Forbindelsen er afbrudt – vi prøver igen.',
  connectionRestored: 'Forbindelsen er tilbage.',
  errors: {
    network: 'Der er ingen forbindelse til MitID. Tjek din internetforbindelse. Prøv igen om lidt.',
  },
};
