/**
 * Access to one's own MitID from a relying party's page, right after a login there (protocol/identity-api.ts): the
 * login's assertion, presented once from the origin it was made for within the login-proof window, buys an access
 * token that lives a few minutes (`access:<hash>` in the shared state, so every instance knows it; only its hash is
 * kept). The token is good for the same origin only, and says whose MitID it opens and how the login was made.
 */
import { newToken, hashToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';
import type { ActivationProofs, LoginProof } from './proofs.js';

export interface AccessSettings {
  /** How long an access token works. */
  accessTtlMs: number;
  /** User-ID changes tried with one access (each looks up whether the ID is taken). */
  userIdTriesPerAccess: number;
}

/** What an access token stands for. */
export interface IdentityGrant extends LoginProof {
  expiresAt: number;
}

export class IdentityAccess {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly proofs: ActivationProofs,
    private readonly settings: AccessSettings,
  ) {}

  /** Trades a fresh login's assertion for an access token; `login_required` for anything but such a login. */
  async open(assertion: string, origin: string | undefined): Promise<{ token: string; grant: IdentityGrant }> {
    const proof = await this.proofs.takeLogin(assertion, origin);
    if (!proof) throw loginRequired();
    const token = newToken();
    const grant: IdentityGrant = { ...proof, expiresAt: this.clock.now() + this.settings.accessTtlMs };
    await this.state.set(accessKey(token), JSON.stringify(grant), this.settings.accessTtlMs);
    return { token, grant };
  }

  /** The grant behind `token`, presented from `origin`; `login_required` when it is unknown, expired or elsewhere. */
  async check(token: string, origin: string | undefined): Promise<IdentityGrant> {
    const raw = await this.state.get(accessKey(token));
    const grant = raw ? (JSON.parse(raw) as IdentityGrant) : undefined;
    if (!grant || grant.origin !== origin || grant.expiresAt <= this.clock.now()) throw loginRequired();
    return grant;
  }

  /** Counts one user-ID change tried with `token`; over the allowance, `rate_limited`. */
  async countUserIdTry(token: string, grant: IdentityGrant): Promise<void> {
    const left = Math.max(1, grant.expiresAt - this.clock.now());
    // A counter of its own (atomic across instances): two changes sent at once are both counted.
    if ((await this.state.count(`${accessKey(token)}:tries`, left)) > this.settings.userIdTriesPerAccess) {
      throw new BrokerError('rate_limited', 'This access has tried as many user IDs as it may; log in again.');
    }
  }
}

function accessKey(token: string): string {
  return `access:${hashToken(token)}`;
}

function loginRequired(): BrokerError {
  return new BrokerError(
    'login_required',
    'Log in again: this login or access cannot be used (used, too old, or from another page).',
  );
}
