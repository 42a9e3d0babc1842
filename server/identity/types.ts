/**
 * What the broker keeps about an identity besides its seed (./../config/identities.ts): the authenticators added to
 * it (app devices, chip keys) with their states, and its history. Code displays and code readers come with the
 * seed; their state, like the password's, follows the identity's failure record (./failures.ts).
 */
import type { AuthenticatorKind, IdentityEventKind } from '../../protocol/app-api.js';

/** How an authenticator was added: the letter's code, a recent login by another one, the seed, or the enrolment that made the identity (a chip registered at step 7). */
export type Proof = 'letter' | 'login' | 'seed' | 'enrolment';

export interface AuthenticatorRecord {
  id: string;
  kind: AuthenticatorKind;
  name: string;
  /** `pending` until `activeFrom`; `revoked` for good. */
  state: 'pending' | 'active' | 'revoked';
  addedAt: number;
  activeFrom: number;
  proof: Proof;
  revokedAt?: number;
  revokedBecause?: 'replaced' | 'by-user';
}

export interface IdentityEventRecord {
  kind: IdentityEventKind;
  at: number;
  authenticatorName?: string;
  clientName?: string;
  method?: AuthenticatorKind;
}

/** One JSON record per identity (`ident:<userId>` in the shared state), changed by compare-and-set. */
export interface IdentityRecord {
  authenticators: AuthenticatorRecord[];
  /** Newest first, at most {@link MAX_HISTORY}. */
  history: IdentityEventRecord[];
}

export const MAX_HISTORY = 100;
