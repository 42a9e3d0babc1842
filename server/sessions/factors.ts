/**
 * The code, password and chip steps. Order: code display / code reader = code, then password; chip = password,
 * then WebAuthn. Every wrong try costs one of the session's attempts; the last one locks the SESSION (not the
 * identity), so a stranger who knows a user ID can spoil only their own session.
 */
import type { AuthenticationResponseJSON, PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import type { ErrorCode } from '../../protocol/page-api.js';
import type { ChipRegistry } from '../authenticators/chip.js';
import type { PasswordChecker } from '../authenticators/passwords.js';
import type { TotpVerifier } from '../authenticators/totp.js';
import type { Clock } from '../clock.js';
import type { CodeMethod, IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { SessionService } from './service.js';
import type { SessionRecord } from './types.js';

/** What the code, password and chip steps need. */
export interface FactorStepsDeps {
  clock: Clock;
  sessions: SessionService;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  totp: TotpVerifier;
  chips: ChipRegistry;
}

export class FactorSteps {
  private readonly sessions: SessionService;

  constructor(private readonly deps: FactorStepsDeps) {
    this.sessions = deps.sessions;
  }

  async submitCode(id: string, token: string, code: string): Promise<SessionRecord> {
    const session = await this.atStep(id, token, 'code-required');
    const method = session.method as CodeMethod;
    const identity = this.deps.identities.find(session.userId);
    const secret = identity?.methods.has(method) ? identity.totp[method] : undefined;
    if (!(await this.deps.totp.verify(`${session.userId}\u0000${method}`, secret, code))) {
      return this.wrongTry(id, 'wrong_code', 'The code is not right.');
    }
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
    const identity = this.deps.identities.find(session.userId);
    const right = await this.deps.passwords.verify(identity?.passwordHash, password);
    if (!right || !identity) return this.wrongTry(id, 'wrong_password', 'The password is not right.');
    if (identity.locked) return this.lockedIdentity(id);
    if (session.method !== 'chip')
      return this.sessions.complete(session, session.method ?? 'code-display', 'password-required');
    return this.sessions.mutatePending(id, (draft) => {
      if (draft.hint !== 'password-required') throw wrongStep();
      draft.passwordVerified = true;
      draft.hint = 'chip-required';
      return draft;
    });
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
    if (!valid) return this.wrongTry(id, 'webauthn_failed', 'The security key could not be verified.');
    return this.sessions.complete(session, 'chip', 'chip-required');
  }

  private async atStep(id: string, token: string, hint: SessionRecord['hint']): Promise<SessionRecord> {
    const session = await this.sessions.authenticate(id, token);
    if (session.status !== 'pending') throw new BrokerError('session_finished', 'The session has already ended.');
    if (session.hint !== hint) throw wrongStep();
    return session;
  }

  private async wrongTry(id: string, code: ErrorCode, message: string): Promise<never> {
    const now = this.deps.clock.now();
    const session = await this.sessions.mutatePending(id, (draft) => {
      draft.attemptsLeft -= 1;
      if (draft.attemptsLeft <= 0) {
        draft.status = 'failed';
        draft.failure = 'locked';
        draft.finishedAt = now;
        delete draft.hint;
      }
      return draft;
    });
    if (session.status === 'failed') throw lockedError();
    throw new BrokerError(code, message, session.attemptsLeft);
  }

  private async lockedIdentity(id: string): Promise<never> {
    await this.sessions.fail(id, 'locked');
    throw new BrokerError('locked', 'This MitID is locked. Contact MitID support.');
  }
}

function wrongStep(): BrokerError {
  return new BrokerError('wrong_step', 'The session is not waiting for this step.');
}

function lockedError(): BrokerError {
  return new BrokerError('locked', 'Too many wrong tries; the session is locked. Start again.');
}
