/**
 * `<mitid-enrol>`'s events: one `Event` subclass each, with a typed, read-only `detail`; all bubble and cross
 * shadow roots (`composed`), as `<mitid-login>`'s do. None is fired because the host set a property.
 */
import type { EnrolMethod } from '../../protocol/enrol-api.js';
import type { EnrolStep } from './steps.js';

const options = { bubbles: true, composed: true } as const;

export interface MitidEnrolledDetail {
  /**
   * The signed result (a JWS, `typ` `mitid-enrolment+jwt`). Post it to your back end and check it there with
   * `verifyEnrolment` (mitid-login/verify): it carries the customer reference you created the enrolment with.
   */
  readonly result: string;
  readonly method: EnrolMethod;
  /** The user ID the person chose (shown to them; your back end learns the identity from the result's `sub`). */
  readonly userId: string;
}

/** The person has MitID: the authenticator is active. */
export class MitidEnrolledEvent extends Event {
  static readonly eventName = 'mitid-enrolled';
  constructor(readonly detail: MitidEnrolledDetail) {
    super(MitidEnrolledEvent.eventName, options);
  }
}

export interface MitidEnrolErrorDetail {
  /** `enrolment_expired`, `invalid_token`, `origin_not_allowed`, `missing_token`, …: the bank starts a new enrolment. */
  readonly code: string;
  /** The message shown, in the element's language. */
  readonly message: string;
}

/** The enrolment cannot go on (expired, cancelled, or a token the broker does not know). */
export class MitidEnrolErrorEvent extends Event {
  static readonly eventName = 'mitid-enrol-error';
  constructor(readonly detail: MitidEnrolErrorDetail) {
    super(MitidEnrolErrorEvent.eventName, options);
  }
}

/** The person pressed Cancel. Cancelable: `preventDefault()` keeps the enrolment; else the broker is told. */
export class MitidEnrolCancelEvent extends Event {
  static readonly eventName = 'mitid-enrol-cancel';
  readonly detail: { readonly step: EnrolStep };
  constructor(step: EnrolStep) {
    super(MitidEnrolCancelEvent.eventName, { ...options, cancelable: true });
    this.detail = { step };
  }
}

export interface MitidEnrolStepDetail {
  readonly step: EnrolStep;
  /** The brochure's step number (1–7) shown as "Trin 3 af 7", or null while loading and after an error. */
  readonly number: number | null;
}

/** The step shown changed. */
export class MitidEnrolStepEvent extends Event {
  static readonly eventName = 'mitid-enrol-step';
  constructor(readonly detail: MitidEnrolStepDetail) {
    super(MitidEnrolStepEvent.eventName, options);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mitid-enrolled': MitidEnrolledEvent;
    'mitid-enrol-error': MitidEnrolErrorEvent;
    'mitid-enrol-cancel': MitidEnrolCancelEvent;
    'mitid-enrol-step': MitidEnrolStepEvent;
  }
}
