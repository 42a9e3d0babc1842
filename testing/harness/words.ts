/** The element's vocabulary as a user reads it, per language, for the harness's tasks (./login-harness.ts). */
import type { Method } from '../../protocol/page-api.js';
import type { Step } from '../../src/flow/machine.js';

export type Lang = 'da' | 'en';

/** What the user reads on the element's controls, per language (the user's knowledge, not the catalogue's). */
export interface Words {
  userId: string;
  rememberUserId: string;
  forgetUserId: string;
  continue: string;
  continueApproval: string;
  otherMethod: string;
  code: string;
  password: string;
  submit: { login: string; approve: string };
  cancel: string;
  moreTime: string;
  useChip: string;
  openApp: string;
  retry: string;
  startOver: string;
  methods: Record<Method, string>;
}

export const WORDS: Record<Lang, Words> = {
  da: {
    userId: 'Bruger-ID',
    rememberUserId: 'Husk mit bruger-ID på denne enhed',
    forgetUserId: 'Glem mit bruger-ID på denne enhed',
    continue: 'Fortsæt',
    continueApproval: 'Fortsæt til godkendelse',
    otherMethod: 'Vælg en anden metode',
    code: 'Engangskode (6 cifre)',
    password: 'Adgangskode',
    submit: { login: 'Log på', approve: 'Godkend' },
    cancel: 'Afbryd',
    moreTime: 'Mere tid',
    useChip: 'Brug MitID chip',
    openApp: 'Åbn MitID app',
    retry: 'Prøv igen',
    startOver: 'Start forfra',
    methods: {
      app: 'MitID app',
      'code-display': 'MitID kodeviser',
      'code-reader': 'MitID kodeoplæser',
      chip: 'MitID chip',
    },
  },
  en: {
    userId: 'User ID',
    rememberUserId: 'Remember my user ID on this device',
    forgetUserId: 'Forget my user ID on this device',
    continue: 'Continue',
    continueApproval: 'Continue to approval',
    otherMethod: 'Choose another method',
    code: 'One-time code (6 digits)',
    password: 'Password',
    submit: { login: 'Log in', approve: 'Approve' },
    cancel: 'Cancel',
    moreTime: 'More time',
    useChip: 'Use MitID chip',
    openApp: 'Open the MitID app',
    retry: 'Try again',
    startOver: 'Start over',
    methods: {
      app: 'MitID app',
      'code-display': 'MitID code display',
      'code-reader': 'MitID audio code reader',
      chip: 'MitID chip',
    },
  },
};

/** The step each method leads to once chosen (the chip asks for the key first, then the password). */
export const STEP_AFTER: Record<Method, Step> = {
  app: 'app',
  'code-display': 'code',
  'code-reader': 'code',
  chip: 'chip',
};
