/**
 * Chip (FIDO security key) credentials of the test identities, through @simplewebauthn/server. Login uses
 * discoverable credentials with an empty `allowCredentials`, so the options a page receives say nothing about
 * the user. A test environment needs enrolment too, since Chromium's virtual authenticator makes its key at run
 * time: `POST /v1/enrol/chip/options` then `POST /v1/enrol/chip`.
 */
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import type { Clock } from './clock.js';
import type { Identity } from './config/identities.js';
import { newToken } from './http/auth.js';
import { BrokerError } from './http/errors.js';

interface ChipCredential {
  id: string;
  publicKey: Uint8Array<ArrayBuffer>;
  counter: number;
  transports?: string[];
  userId: string;
}

interface PendingEnrolment {
  userId: string;
  challenge: string;
  origin: string;
  rpID: string;
  expiresAt: number;
}

const CEREMONY_TIMEOUT_MS = 120_000;

/** The WebAuthn RP ID of a page: its host name (`localhost` for the demo). */
export function rpIdOf(origin: string): string {
  return new URL(origin).hostname;
}

export class ChipRegistry {
  private readonly credentials = new Map<string, ChipCredential>();
  private readonly enrolments = new Map<string, PendingEnrolment>();

  constructor(
    private readonly clock: Clock,
    private readonly enrolmentTtlMs: number,
  ) {}

  async startEnrolment(
    identity: Identity,
    origin: string,
  ): Promise<{ enrolment_token: string; options: PublicKeyCredentialCreationOptionsJSON }> {
    const rpID = rpIdOf(origin);
    const options = await generateRegistrationOptions({
      rpName: 'MitID (test)',
      rpID,
      userName: identity.userId,
      userDisplayName: identity.name,
      userID: new TextEncoder().encode(identity.userId),
      attestationType: 'none',
      timeout: CEREMONY_TIMEOUT_MS,
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      supportedAlgorithmIDs: [-7],
      excludeCredentials: this.credentialsOf(identity.userId).map((credential) => ({ id: credential.id })),
    });
    const token = newToken();
    const now = this.clock.now();
    for (const [key, pending] of this.enrolments) if (pending.expiresAt <= now) this.enrolments.delete(key);
    this.enrolments.set(token, {
      userId: identity.userId,
      challenge: options.challenge,
      origin,
      rpID,
      expiresAt: now + this.enrolmentTtlMs,
    });
    return { enrolment_token: token, options };
  }

  /** Verifies the authenticator's registration and keeps its key; the enrolment token works once. */
  async finishEnrolment(token: string, response: RegistrationResponseJSON): Promise<{ credential_id: string }> {
    const pending = this.enrolments.get(token);
    this.enrolments.delete(token);
    if (!pending || pending.expiresAt <= this.clock.now()) {
      throw new BrokerError('invalid_token', 'The enrolment token is unknown, used or expired.');
    }
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: pending.challenge,
        expectedOrigin: pending.origin,
        expectedRPID: pending.rpID,
        requireUserVerification: false,
        supportedAlgorithmIDs: [-7],
      });
    } catch {
      throw new BrokerError('webauthn_failed', 'The security key response could not be verified.');
    }
    if (!verified.verified || !verified.registrationInfo) {
      throw new BrokerError('webauthn_failed', 'The security key response could not be verified.');
    }
    const { credential } = verified.registrationInfo;
    if (this.credentials.has(credential.id)) throw new BrokerError('webauthn_failed', 'This key is enrolled already.');
    this.credentials.set(credential.id, {
      id: credential.id,
      publicKey: new Uint8Array(credential.publicKey),
      counter: credential.counter,
      ...(credential.transports ? { transports: credential.transports } : {}),
      userId: pending.userId,
    });
    return { credential_id: credential.id };
  }

  async authenticationOptions(origin: string): Promise<PublicKeyCredentialRequestOptionsJSON> {
    return generateAuthenticationOptions({
      rpID: rpIdOf(origin),
      allowCredentials: [],
      userVerification: 'preferred',
      timeout: CEREMONY_TIMEOUT_MS,
    });
  }

  /** True when `response` is a valid assertion by a key enrolled for `userId`, over `challenge`. */
  async verifyAuthentication(options: {
    response: AuthenticationResponseJSON;
    challenge: string;
    origin: string;
    userId: string;
  }): Promise<boolean> {
    const credential = this.credentials.get(options.response.id);
    if (!credential || credential.userId !== options.userId) return false;
    try {
      const result = await verifyAuthenticationResponse({
        response: options.response,
        expectedChallenge: options.challenge,
        expectedOrigin: options.origin,
        expectedRPID: rpIdOf(options.origin),
        credential: {
          id: credential.id,
          publicKey: credential.publicKey,
          counter: credential.counter,
          ...(credential.transports ? { transports: credential.transports } : {}),
        },
        requireUserVerification: false,
      });
      if (!result.verified) return false;
      credential.counter = result.authenticationInfo.newCounter;
      return true;
    } catch {
      return false;
    }
  }

  private credentialsOf(userId: string): ChipCredential[] {
    return [...this.credentials.values()].filter((credential) => credential.userId === userId);
  }
}
