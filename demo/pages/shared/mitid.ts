/**
 * How the relying-party pages use `<mitid-login>`: through its attributes and `mitid-*` events only, as an
 * integrator would (the element itself is loaded by its own `<script type="module" src="/sdk/mitid-login.js">`).
 */

import type { TransactionDetails } from '../../../protocol/transaction.js';

export interface MitidSuccessDetail {
  assertion: string;
  method: string;
  mode: 'login' | 'approve';
}

export interface MitidErrorDetail {
  code: string;
  message: string;
}

export interface LoginConfig {
  broker: string;
  clientId: string;
  nonce: string;
  lang?: string;
  mode?: 'login' | 'approve';
  transactionText?: string;
  /** Approve mode: the login's `login_hint`, as the back end kept it; the approval then asks for no user ID. */
  loginHint?: string;
  /** A payment or a batch to approve, as data (the element's `transaction` property). */
  transaction?: TransactionDetails;
}

export interface LoginHandlers {
  onSuccess(detail: MitidSuccessDetail): void;
  onError?(detail: MitidErrorDetail): void;
  onCancel?(): void;
}

/** A fresh, fully configured element: attributes are set before it is connected, so it starts with all of them. */
export function createMitidLogin(config: LoginConfig, handlers: LoginHandlers): HTMLElement {
  const element = document.createElement('mitid-login');
  element.setAttribute('broker', config.broker);
  element.setAttribute('client-id', config.clientId);
  // Both: a CSP sent as a header makes the browser hide (empty) `nonce` attributes once the element is connected,
  // while the `nonce` property keeps the value, and that property is what the element reads.
  element.setAttribute('nonce', config.nonce);
  element.nonce = config.nonce;
  element.setAttribute('mode', config.mode ?? 'login');
  if (config.lang) element.setAttribute('lang', config.lang);
  if (config.transactionText !== undefined) element.setAttribute('transaction-text', config.transactionText);
  if (config.loginHint) element.setAttribute('login-hint', config.loginHint);
  if (config.transaction !== undefined)
    (element as HTMLElement & { transaction?: unknown }).transaction = config.transaction;
  element.addEventListener('mitid-success', (event) =>
    handlers.onSuccess((event as CustomEvent<MitidSuccessDetail>).detail),
  );
  element.addEventListener('mitid-error', (event) =>
    handlers.onError?.((event as CustomEvent<MitidErrorDetail>).detail),
  );
  element.addEventListener('mitid-cancel', () => handlers.onCancel?.());
  return element;
}

export interface VerifiedUser {
  name: string;
  sub: string;
  level: { da: string; en: string };
  method: { da: string; en: string };
  authTime: string;
}

export interface RpSessionInfo {
  client_id: string;
  broker: string;
  nonce: string;
  user: VerifiedUser | null;
}
