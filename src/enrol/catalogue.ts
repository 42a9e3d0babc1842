/**
 * What `<mitid-enrol>` says: the shape of its texts, and the catalogue for a `lang`, Danish (the default, ./locales/
 * da.ts) or English (./locales/en.ts). Both languages ship in the element's module for now (issue 25 may load the
 * other one when asked for, as `<mitid-login>` does).
 */
import type { ChosenPasswordProblem, ChosenUserIdProblem } from '../../protocol/rules.js';
import type { ContactProblem, EnrolMethod } from '../../protocol/enrol-api.js';
import { da } from './locales/da.js';
import { en } from './locales/en.js';

/** The methods this element offers at step 3: all the broker takes. */
export type OfferedMethod = EnrolMethod;

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
  chip: {
    getHeading: string;
    get: string;
    haveIt: string;
    activateHeading: string;
    activate: string;
    register: string;
    /** The browser cannot register a key (no WebAuthn, or too old for its JSON methods). */
    unsupported: string;
    /** The person cancelled the key's prompt, or it timed out. */
    cancelled: string;
    /** The key is registered already (to this or another MitID). */
    known: string;
    /** The broker could not verify the key's answer. */
    failed: string;
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

const catalogues: Record<EnrolLang, EnrolTranslation> = { da, en };

/** The catalogue for a `lang` value: English for `en` and `en-*`, else Danish. */
export function enrolTranslation(lang: string): EnrolTranslation {
  return catalogues[lang.toLowerCase().startsWith('en') ? 'en' : 'da'];
}
