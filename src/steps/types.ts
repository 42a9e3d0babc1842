/** What a step renderer gets and gives back. Renderers are pure functions of this context: no state of their own. */
import type { TemplateResult } from 'lit';
import type { FlowState } from '../flow/machine.js';
import type { FirstStepTranslation, Translation } from '../i18n/index.js';
import type { Method, Mode } from '../../protocol/page-api.js';
import type { QrMatrix } from './qr.js';

export interface StepActions {
  cancel(): void;
  showMethods(): void;
  chooseMethod(method: Method): void;
  continueApproval(): void;
  extend(): void;
  startChip(): void;
  retry(): void;
  startOver(): void;
  forgetUserId(): void;
  /** Says the app step's pairing code aloud (the live region), digit by digit. */
  readPairingCode(): void;
}

/** `T`: the catalogue the step can speak from; the user-ID step only from its first part (../i18n/translation.ts). */
export interface StepContext<S extends FlowState = FlowState, T extends FirstStepTranslation = Translation> {
  state: S;
  t: T;
  actions: StepActions;
  /** The host's `mode` (the session's own mode wins once a session exists). */
  mode: Mode;
  /** Unique ids for the light-DOM fields (several elements can share a page). */
  id(name: string): string;
  timeLeftMs: number | null;
  /** The element's clock now (epoch ms): "today" or another day, for a block's end. */
  now: number;
  qr: QrMatrix | null;
  /** The host offers "remember my user ID" (`remember-user-id`). */
  rememberOffered: boolean;
  /** A user ID is stored on this device. */
  remembered: boolean;
  /** An approval starts from the page's login hint: the user-ID step asks for no user ID. */
  hinted?: boolean;
}

export interface StepView {
  heading: string;
  /** Shadow-DOM content under the heading. */
  content: TemplateResult;
  /** Light-DOM form content (inputs, labels, their errors and the submit button), when the step has fields. */
  fields?: TemplateResult;
  /** Shadow-DOM buttons after the form. */
  actions?: TemplateResult;
}
