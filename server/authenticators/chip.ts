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
import type { Proof } from '../identity/types.js';
import { newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';

/** A registration under way: the challenge the key must sign, for which page, until when. */
export interface KeyCeremony {
  challenge: string;
  origin: string;
  rpID: string;
  expiresAt: number;
}

export interface ChipCredential {
  id: string;
  /** base64url of the COSE public key. */
  publicKey: string;
  counter: number;
  transports?: string[];
  userId: string;
}

interface PendingEnrolment extends KeyCeremony {
  userId: string;
  /** The proof that allows it, used up when the key has answered. */
  proof: ProofGiven;
}

const CEREMONY_TIMEOUT_MS = 120_000;

function lookupKeyOf(credentialId: string): string {
  return `chip:cred:${credentialId}`;
}

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
    const { options, ceremony } = await this.registrationOptions(identity.userId, identity.name, origin);
    const token = newToken();
    const pending: PendingEnrolment = { userId: identity.userId, proof, ...ceremony };
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
    const credential = await this.verifyRegistration(pending, response, pending.userId);
    // The proof is used now (a key is never on a waiting period: only a High login or the letter enrols one).
    const { proof } = await this.proofs.prove(pending.userId, 'chip', pending.proof, 0);
    return this.keep(credential, proof);
  }

  /**
   * Registration options for a key of the identity `userId` (it may not exist yet: a new MitID's first key), with a
   * page at `origin` as the relying party, and the ceremony to check its answer against.
   */
  async registrationOptions(
    userId: string,
    displayName: string,
    origin: string,
  ): Promise<{ options: PublicKeyCredentialCreationOptionsJSON; ceremony: KeyCeremony }> {
    const rpID = rpIdOf(origin);
    const options = await generateRegistrationOptions({
      rpName: 'MitID (test)',
      rpID,
      userName: userId,
      userDisplayName: displayName,
      userID: new TextEncoder().encode(userId),
      attestationType: 'none',
      timeout: CEREMONY_TIMEOUT_MS,
      authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
      supportedAlgorithmIDs: [-7],
      // Every key the identity ever had, revoked ones too: none of them may be enrolled again.
      excludeCredentials: (await this.identities.idsOf(userId, 'chip')).map((id) => ({ id })),
    });
    const ceremony = { challenge: options.challenge, origin, rpID, expiresAt: this.clock.now() + this.enrolmentTtlMs };
    return { options, ceremony };
  }

  /** The key in `response`, once verified against `ceremony` and known to no identity yet; else `webauthn_failed`. */
  async verifyRegistration(
    ceremony: KeyCeremony,
    response: RegistrationResponseJSON,
    userId: string,
  ): Promise<ChipCredential> {
    let verified;
    try {
      verified = await verifyRegistrationResponse({
        response,
        expectedChallenge: ceremony.challenge,
        expectedOrigin: ceremony.origin,
        expectedRPID: ceremony.rpID,
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
    if (await this.state.get(lookupKeyOf(credential.id))) {
      throw new BrokerError('webauthn_failed', 'This key is enrolled already.');
    }
    return {
      id: credential.id,
      publicKey: Buffer.from(credential.publicKey).toString('base64url'),
      counter: credential.counter,
      ...(credential.transports ? { transports: credential.transports } : {}),
      userId,
    };
  }

  /** Keeps a verified key and adds it to its identity, active at once; `webauthn_failed` if it was kept meanwhile. */
  async keep(credential: ChipCredential, proof: Proof): Promise<{ credential_id: string }> {
    const lookupKey = lookupKeyOf(credential.id);
    if (!(await this.state.add(lookupKey, JSON.stringify(credential)))) {
      throw new BrokerError('webauthn_failed', 'This key is enrolled already.');
    }
    const keys = await this.identities.liveOf(credential.userId, 'chip');
    await this.identities.add(credential.userId, {
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
