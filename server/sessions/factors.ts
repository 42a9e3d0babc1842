/**
 * The code, password and chip steps. Something the user has comes first, what they know last: code display /
 * code reader = code, then password; chip = the key (WebAuthn), then password. So a password is only ever judged
 * once the first factor is right, and no answer tells a right password from a wrong one before that.
 *
 * Every wrong code, password or key answer counts against the user ID over all sessions and instances
 * (../identity/failures.ts); the try that reaches the limit blocks the user ID's codes, password and chip, ends
 * the session with `blocked`, and answers `factor_blocked`. A blocked user ID's tries are refused unchecked. A code
 * that was accepted a moment ago answers `code_used` and costs nothing.
 *
 * A password is hashed last, after every cheap check (token, step, first factor, block), one at a time per user ID
 * (a second try meanwhile costs no try and answers `wrong_step` in the same session, `rate_limited` in another:
 * otherwise a thousand tries sent at once would all pass the block check before the first wrong one is counted),
 * and within the broker's hash budget.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { ErrorCode } from '../../protocol/page-api.js';
import type { ChipRegistry } from '../authenticators/chip.js';
import type { PasswordChecker } from '../authenticators/passwords.js';
import type { TotpVerifier } from '../authenticators/totp.js';
import type { CodeMethod, IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { FailureCounter } from '../identity/failures.js';
import type { Clock } from '../clock.js';
import { CheckPriorities } from './check-priority.js';
import { blockedError, type SessionService } from './service.js';
import type { SessionRecord } from './types.js';

/** What the code, password and chip steps need. */
export interface FactorStepsDeps {
  sessions: SessionService;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  totp: TotpVerifier;
  chips: ChipRegistry;
  failures: FailureCounter;
  clock: Clock;
}

export class FactorSteps {
  private readonly sessions: SessionService;
  /** User IDs with a password check under way on this instance, and the session it is for. */
  private readonly checking = new Map<string, string>();
  private readonly priorities: CheckPriorities;

  constructor(private readonly deps: FactorStepsDeps) {
    this.sessions = deps.sessions;
    this.priorities = new CheckPriorities(deps.clock);
  }

  async submitCode(id: string, token: string, code: string): Promise<SessionRecord> {
    const session = await this.atStep(id, token, 'code-required');
    const method = session.method as CodeMethod;
    const identity = await this.deps.identities.find(session.userId);
    const secret = identity?.methods.has(method) ? identity.totp[method] : undefined;
    const verdict = await this.deps.totp.verify(`${session.userId}\u0000${method}`, secret, code);
    if (verdict === 'used') {
      throw new BrokerError('code_used', 'This code has been used; wait for the next one on the device.');
    }
    if (verdict === 'wrong') return this.wrongTry(session, 'wrong_code', 'The code is not right.');
    if (identity?.locked) return this.lockedIdentity(id);
    return this.sessions.mutatePending(id, (draft) => {
      if (draft.hint !== 'code-required') throw wrongStep();
      draft.codeVerified = true;
      draft.hint = 'password-required';
      return draft;
    });
  }

  async submitPassword(id: string, token: string, password: string): Promise<SessionRecord> {
    const session = await this.atStep(id, token, 'password-required');
    if (!session.codeVerified && !session.chipVerified) throw wrongStep();
    const identity = await this.deps.identities.find(session.userId);
    const under = this.checking.get(session.userId);
    if (under !== undefined) {
      this.priorities.refused(session.userId);
      // The same session's second password is out of step (it is being checked); another session of the user ID
      // waits its turn.
      if (under === session.id) throw wrongStep();
      throw new BrokerError('rate_limited', 'A password check for this user ID is under way; wait for it.').retryAfter(
        1,
      );
    }
    this.checking.set(session.userId, session.id);
    try {
      // Again, now that no other check of this user ID can be counted meanwhile: one may have ended since atStep.
      const { attemptsLeft } = await this.refuseIfBlocked(session);
      const priority = () => this.priorities.priority(session.userId, attemptsLeft);
      const right = await this.deps.passwords.verify(identity?.passwordHash, password, priority).catch((error) => {
        if (error instanceof BrokerError && error.code === 'broker_busy') this.priorities.refused(session.userId);
        throw error;
      });
      this.priorities.checked(session.userId);
      if (!right || !identity) return await this.wrongTry(session, 'wrong_password', 'The password is not right.');
    } finally {
      this.checking.delete(session.userId);
    }
    return this.sessions.complete(session, session.method ?? 'code-display', 'password-required');
  }

  async webauthnOptions(id: string, token: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    const session = await this.atStep(id, token, 'chip-required');
    const options = await this.deps.chips.authenticationOptions(session.origin);
    await this.sessions.mutatePending(
      id,
      (draft) => {
        if (draft.hint !== 'chip-required') throw wrongStep();
        draft.webauthnChallenge = options.challenge;
        return draft;
      },
      { emit: false },
    );
    return options;
  }

  async submitWebauthn(id: string, token: string, response: AuthenticationResponseJSON): Promise<SessionRecord> {
    await this.atStep(id, token, 'chip-required');
    let challenge: string | undefined;
    const session = await this.sessions.mutatePending(
      id,
      (draft) => {
        if (draft.hint !== 'chip-required' || !draft.webauthnChallenge) {
          throw new BrokerError('wrong_step', 'Ask for WebAuthn options first.');
        }
        challenge = draft.webauthnChallenge;
        delete draft.webauthnChallenge; // one ceremony per challenge
        return draft;
      },
      { emit: false },
    );
    const valid =
      challenge !== undefined &&
      (await this.deps.chips.verifyAuthentication({
        response,
        challenge,
        origin: session.origin,
        userId: session.userId,
      }));
    if (!valid) return this.wrongTry(session, 'webauthn_failed', 'The security key could not be verified.');
    if ((await this.deps.identities.find(session.userId))?.locked) return this.lockedIdentity(id);
    return this.sessions.mutatePending(id, (draft) => {
      if (draft.hint !== 'chip-required') throw wrongStep();
      draft.chipVerified = true;
      draft.hint = 'password-required';
      return draft;
    });
  }

  /** The session at `hint`; a blocked user ID is refused here, before anything is checked. */
  private async atStep(id: string, token: string, hint: SessionRecord['hint']): Promise<SessionRecord> {
    const session = await this.sessions.authenticate(id, token);
    if (session.status !== 'pending') throw new BrokerError('session_finished', 'The session has already ended.');
    if (session.hint !== hint) throw wrongStep();
    await this.refuseIfBlocked(session);
    return session;
  }

  /** The user ID's wrong tries left; a blocked one fails the session and throws `factor_blocked`. */
  private async refuseIfBlocked(session: SessionRecord): Promise<{ attemptsLeft: number }> {
    const standing = await this.deps.failures.standing(session.userId);
    if (standing.blocked) {
      await this.sessions.fail(session.id, 'blocked', standing.until);
      throw blockedError(standing.until);
    }
    return { attemptsLeft: standing.attemptsLeft };
  }

  private async wrongTry(session: SessionRecord, code: ErrorCode, message: string): Promise<never> {
    const standing = await this.deps.failures.fail(session.userId);
    if (standing.blocked) {
      await this.sessions.fail(session.id, 'blocked', standing.until);
      throw blockedError(standing.until);
    }
    // The session's status events show the tries left as this session last saw them.
    await this.sessions.mutatePending(session.id, (draft) => {
      draft.attemptsLeft = standing.attemptsLeft;
      return draft;
    });
    throw new BrokerError(code, message, {
      attempts_left: standing.attemptsLeft,
      ...(standing.nextBlockMs !== undefined ? { block_seconds: Math.round(standing.nextBlockMs / 1000) } : {}),
    });
  }

  private async lockedIdentity(id: string): Promise<never> {
    await this.sessions.fail(id, 'locked');
    throw new BrokerError('locked', 'This MitID is locked. Contact MitID support.');
  }
}

function wrongStep(): BrokerError {
  return new BrokerError('wrong_step', 'The session is not waiting for this step.');
}
