/**
 * `<mitid-enrol>`'s steps, as the brochure numbers them (step 1, the bank's invitation, happened before the element
 * shows): which step an enrolment is at, what the person has typed so far, and what a step's view is given. What
 * each step shows is ./views.ts.
 */
import type { TemplateResult, nothing } from 'lit';
import type { AppActivationResponse, EnrolMethod, EnrolmentView } from '../../protocol/enrol-api.js';
import type { QrMatrix } from '../steps/qr.js';
import type { EnrolTranslation } from './catalogue.js';

export type EnrolStep = 'loading' | 'terms' | 'method' | 'contact' | 'user-id' | 'get' | 'activate' | 'done' | 'error';

/** The brochure's numbers: 2 terms, 3 the method, 4 contact details, 5 the user ID, 6 get it, 7 activate it. */
export const STEP_NUMBERS: Readonly<Partial<Record<EnrolStep, number>>> = {
  terms: 2,
  method: 3,
  contact: 4,
  'user-id': 5,
  get: 6,
  activate: 7,
  done: 7,
};
export const STEPS_IN_ALL = 7;

/** The step before each, for Back (none before the terms; none once activation has made the choices final). */
export const PREVIOUS: Readonly<Partial<Record<EnrolStep, EnrolStep>>> = {
  method: 'terms',
  contact: 'method',
  'user-id': 'contact',
  get: 'user-id',
  activate: 'get',
};

export type FieldName = 'terms' | 'method' | 'email' | 'phone' | 'user_id' | 'serial' | 'code' | 'password';

export interface Problem {
  field: FieldName;
  text: string;
}

/** What the person has typed or chosen, kept while they go back and forth (never the password). */
export interface Drafts {
  accepted: boolean;
  method: EnrolMethod | '';
  email: string;
  phone: string;
  userId: string;
  serial: string;
  code: string;
}

export const EMPTY_DRAFTS: Drafts = {
  accepted: false,
  method: '',
  email: '',
  phone: '',
  userId: '',
  serial: '',
  code: '',
};

/** The first step the enrolment has not done yet. */
export function stepOf(view: EnrolmentView): EnrolStep {
  if (view.result) return 'done';
  if (!view.terms_accepted_at) return 'terms';
  if (!view.method) return 'method';
  if (!view.contact) return 'contact';
  if (!view.user_id) return 'user-id';
  if (view.method !== 'app' && view.device?.method === view.method) return 'activate';
  return 'get';
}

/** The drafts as the enrolment has them (after a reload), keeping what was typed where it has nothing. */
export function draftsOf(view: EnrolmentView, drafts: Drafts): Drafts {
  return {
    ...drafts,
    accepted: drafts.accepted || !!view.terms_accepted_at,
    method: view.method ?? drafts.method,
    email: view.contact?.email ?? drafts.email,
    phone: view.contact?.phone ?? drafts.phone,
    userId: view.user_id ?? drafts.userId,
  };
}

export interface EnrolActions {
  back(): void;
  orderDevice(): void;
  newAppCode(): void;
}

export interface EnrolStepContext {
  step: EnrolStep;
  t: EnrolTranslation;
  id(name: string): string;
  drafts: Drafts;
  view: EnrolmentView | null;
  problem: Problem | null;
  busy: boolean;
  activation: AppActivationResponse | null;
  qr: QrMatrix | null;
  actions: EnrolActions;
}

export interface EnrolStepView {
  heading: string;
  content: TemplateResult | typeof nothing;
  fields?: TemplateResult;
}
