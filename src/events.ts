/**
 * The element's events: one `Event` subclass each, with a typed, read-only `detail`; all bubble and cross shadow
 * roots (`composed`). None is ever fired because the host set a property.
 */
import type { FlowErrorCode, Step } from './flow/machine.js';
import type { Method, Mode } from '../protocol/page-api.js';

export interface MitidSuccessDetail {
  /** The signed assertion (compact JWS). Post it to your back end and verify it there with `mitid-login/verify`. */
  readonly assertion: string;
  readonly method: Method | null;
  readonly mode: Mode;
}

export interface MitidErrorDetail {
  /** Stable code: a broker `FailureCode` or `ErrorCode`, or `network`, `missing_config`, `webauthn_unsupported`… */
  readonly code: FlowErrorCode;
  /** Human message in the element's language. */
  readonly message: string;
}

export interface MitidStateDetail {
  readonly step: Step;
}

const options = { bubbles: true, composed: true } as const;

/** The user logged in or approved; `detail.assertion` is the signed proof. */
export class MitidSuccessEvent extends Event {
  static readonly eventName = 'mitid-success';
  constructor(readonly detail: MitidSuccessDetail) {
    super(MitidSuccessEvent.eventName, options);
  }
}

/** The flow ended in an error the user sees (the element shows it with a retry where that can help). */
export class MitidErrorEvent extends Event {
  static readonly eventName = 'mitid-error';
  constructor(readonly detail: MitidErrorDetail) {
    super(MitidErrorEvent.eventName, options);
  }
}

/** The user asked to cancel. Cancelable: call `preventDefault()` to keep the flow going. */
export class MitidCancelEvent extends Event {
  static readonly eventName = 'mitid-cancel';
  readonly detail: { readonly step: Step };
  constructor(step: Step) {
    super(MitidCancelEvent.eventName, { ...options, cancelable: true });
    this.detail = { step };
  }
}

/** The visible step changed. */
export class MitidStateEvent extends Event {
  static readonly eventName = 'mitid-state';
  constructor(readonly detail: MitidStateDetail) {
    super(MitidStateEvent.eventName, options);
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'mitid-success': MitidSuccessEvent;
    'mitid-error': MitidErrorEvent;
    'mitid-cancel': MitidCancelEvent;
    'mitid-state': MitidStateEvent;
  }
}
