/**
 * Chip (FIDO security key) credentials, through @simplewebauthn/server. Login uses discoverable credentials with an
 * empty `allowCredentials`, so the options a page receives say nothing about the user. Enrolment
 * (`POST /v1/enrol/chip/options`, then `POST /v1/enrol/chip`) comes after a proof the caller checked (the letter, or
 * a login at High); the key is added to the identity (./../identity/registry.ts), which may revoke the oldest one
 * and decides from then on whether a key may still log in.
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
import type { Clock } from '../clock.js';
import type { SharedState } from '../stores/shared-state.js';
import type { Identity } from '../config/identities.js';
import type { ActivationProofs, ProofGiven } from '../identity/proofs.js';
import type { IdentityRegistry } from '../identity/registry.js';
import { newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';

interface ChipCredential {
  id: string;
  /** base64url of the COSE public key. */
  publicKey: string;
  counter: number;
  transports?: string[];
  userId: string;
}

interface PendingEnrolment {
  userId: string;
  /** The proof that allows it, used up when the key has answered. */
  proof: ProofGiven;
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
  constructor(
    private readonly clock: Clock,
    private readonly enrolmentTtlMs: number,
    /** Credentials and pending enrolments live here: in Redis, a key enrolled on one instance works on all. */
    private readonly state: SharedState,
    private readonly identities: IdentityRegistry,
    private readonly proofs: ActivationProofs,
  ) {}

  async startEnrolment(
    identity: Identity,
    origin: string,
    proof: ProofGiven,
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
      // Every key the identity ever had, revoked ones too: none of them may be enrolled again.
      excludeCredentials: (await this.identities.idsOf(identity.userId, 'chip')).map((id) => ({ id })),
    });
    const token = newToken();
    const pending: PendingEnrolment = {
      userId: identity.userId,
      proof,
      challenge: options.challenge,
      origin,
      rpID,
      expiresAt: this.clock.now() + this.enrolmentTtlMs,
    };
    await this.state.set(`chip:enrol:${token}`, JSON.stringify(pending), this.enrolmentTtlMs);
    return { enrolment_token: token, options };
  }

  /** Verifies the authenticator's registration and keeps its key; the enrolment token works once. */
  async finishEnrolment(token: string, response: RegistrationResponseJSON): Promise<{ credential_id: string }> {
    const raw = await this.state.take(`chip:enrol:${token}`);
    const pending = raw ? (JSON.parse(raw) as PendingEnrolment) : undefined;
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
    const stored: ChipCredential = {
      id: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      ...(credential.transports ? { transports: credential.transports } : {}),
      userId: pending.userId,
    };
    const lookupKey = `chip:cred:${credential.id}`;
    if (await this.state.get(lookupKey)) throw new BrokerError('webauthn_failed', 'This key is enrolled already.');
    // The proof is used now (a key is never on a waiting period: only a High login or the letter enrols one).
    const { proof } = await this.proofs.prove(pending.userId, 'chip', pending.proof, 0);
    if (!(await this.state.add(lookupKey, JSON.stringify(stored)))) {
      throw new BrokerError('webauthn_failed', 'This key is enrolled already.');
    }
    const keys = await this.identities.liveOf(pending.userId, 'chip');
    await this.identities.add(pending.userId, {
      id: credential.id,
      kind: 'chip',
      name: `MitID chip ${keys.length + 1}`,
      proof,
      activeFrom: this.clock.now(),
      lookupKey,
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
    const credential = await this.credential(options.response.id);
    if (!credential || credential.userId !== options.userId) return false;
    const authenticator = await this.identities.find(credential.userId, credential.id);
    if (authenticator?.state !== 'active') return false; // revoked (or pushed out by a newer key)
    let counter: number;
    try {
      const result = await verifyAuthenticationResponse({
        response: options.response,
        expectedChallenge: options.challenge,
        expectedOrigin: options.origin,
        expectedRPID: rpIdOf(options.origin),
        credential: {
          id: credential.id,
          publicKey: new Uint8Array(Buffer.from(credential.publicKey, 'base64url')),
          counter: credential.counter,
          ...(credential.transports ? { transports: credential.transports } : {}),
        },
        requireUserVerification: false,
      });
      if (!result.verified) return false;
      counter = result.authenticationInfo.newCounter;
    } catch {
      return false;
    }
    // The signature counter only moves forward, on every instance: a cloned key shows up as a step back.
    if (counter > 0 && !(await this.state.raise(`chip:counter:${credential.id}`, counter, 365 * 86_400_000))) {
      return false;
    }
    await this.state.set(`chip:cred:${credential.id}`, JSON.stringify({ ...credential, counter }));
    return true;
  }

  private async credential(id: string): Promise<ChipCredential | undefined> {
    if (id.length > 1024) return undefined;
    const raw = await this.state.get(`chip:cred:${id}`);
    return raw ? (JSON.parse(raw) as ChipCredential) : undefined;
  }
}
