/**
 * What a framework template may set on `<mitid-login>`, shared by the type-only entries `mitid-login/react` and
 * `mitid-login/vue`. Types only: nothing here exists at run time, and nothing here names React or Vue.
 */
import type { MitidCancelEvent, MitidErrorEvent, MitidStateEvent, MitidSuccessEvent } from '../events.js';
import type { MitidLogin } from '../mitid-login.js';

/** The element's properties a template sets (camelCase; frameworks set them as properties). */
export type MitidLoginProperties = Partial<
  Pick<
    MitidLogin,
    | 'broker'
    | 'clientId'
    | 'mode'
    | 'transactionText'
    | 'transaction'
    | 'device'
    | 'theme'
    | 'rememberUserId'
    | 'transport'
  >
> & {
  /** A fresh, server-made nonce (HTMLElement's own `nonce` property). */
  nonce?: string;
  lang?: string;
};

/** The same settings by their attribute names (kebab-case), for templates that set attributes. */
export interface MitidLoginAttributes {
  'client-id'?: string;
  'transaction-text'?: string;
  'remember-user-id'?: boolean;
}

/** The element's events by name. */
export interface MitidLoginEventMap {
  'mitid-success': MitidSuccessEvent;
  'mitid-error': MitidErrorEvent;
  'mitid-cancel': MitidCancelEvent;
  'mitid-state': MitidStateEvent;
}
