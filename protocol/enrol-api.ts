/**
 * The enrolment API: getting MitID in the net bank, the brochure's seven steps (shared/seeds/). Part of the wire
 * contract, beside the page API (./page-api.ts). Types and constants only: no DOM, no Node.
 *
 * Step 1, the invitation, is the bank's: its back end, having identified its customer by its own means, creates the
 * enrolment with `POST /v1/enrolments`, authenticated as a confidential client (a JWT client assertion signed with a
 * key the client registered, or HTTP Basic with its client secret), and hands the page the opaque
 * `enrolment_token`. Nothing there comes from the page, and a CPR number is never part of it. The page (the
 * `<mitid-enrol>` element) then calls the `/v1/enrol/…` endpoints with `Authorization: Bearer <enrolment_token>`
 * from an origin of the same client, for steps 2 to 5; activation (steps 6 and 7) builds on them.
 */
import type { ChosenPasswordProblem, ChosenUserIdProblem } from './user-id-rules.js';

/** `client_assertion_type` of a JWT client assertion (RFC 7523, section 2.2). */
export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

/**
 * The methods a new MitID can start with (step 3): the app for most; a code display or an audio code reader; or a
 * chip (a FIDO security key the person has, registered in the page by WebAuthn, used with a password).
 */
export type EnrolMethod = 'app' | 'code-display' | 'code-reader' | 'chip';
export const ENROL_METHODS: readonly EnrolMethod[] = ['app', 'code-display', 'code-reader', 'chip'];

export const ENROL_LIMITS = {
  /** An enrolment can be finished within this time of its creation. */
  enrolmentTtlSeconds: 30 * 60,
  /** Availability checks and reservations of user IDs, together, per enrolment. */
  userIdTriesPerEnrolment: 30,
  /** The bank's own reference for its customer: letters, digits and `-_.:`, never a CPR number. */
  customerRefMaxLength: 64,
  nameMaxLength: 200,
  emailMaxLength: 254,
  /** A client assertion may live this long at most (`exp` − `iat`), and `exp` may be no further ahead. */
  clientAssertionMaxSeconds: 300,
} as const;

/** The enrolment API's own error codes, besides the page API's (`ErrorCode`: `invalid_token`, `rate_limited`, …). */
export type EnrolErrorCode =
  /**
   * 401: `POST /v1/enrolments` without a valid client authentication: no or a wrong secret, or a client assertion
   * that is unsigned, signed with a key the client did not register, for another audience, expired or used before.
   * One answer for all, and for a client that has registered no means to authenticate.
   */
  | 'invalid_client'
  /** 410: the enrolment is past its `expires_at`, or was cancelled; the bank starts a new one. */
  | 'enrolment_expired'
  /** 400: the chosen user ID breaks a rule of protocol/user-id-rules.ts: see `reason`. */
  | 'user_id_refused'
  /** 409: the chosen user ID is someone else's, or reserved by another enrolment. */
  | 'user_id_taken'
  /** 400: the contact details are missing or malformed: see `reason`. */
  | 'invalid_contact'
  /** 400: the password chosen at activation breaks a rule of protocol/user-id-rules.ts: see `reason`. */
  | 'password_refused';

// ---- POST /v1/enrolments (the bank's back end) -------------------------------------------------------------

export interface CreateEnrolmentRequest {
  client_id: string;
  /** The JWT client assertion (with {@link CLIENT_ASSERTION_TYPE}); absent when authenticating with HTTP Basic. */
  client_assertion_type?: typeof CLIENT_ASSERTION_TYPE;
  client_assertion?: string;
  /** The bank's reference for its customer (a customer number). A CPR-shaped value is refused. */
  customer_ref: string;
  /** The customer's name as the bank knows it: a chosen user ID may not be (part of) it. */
  name: string;
  /** The customer's e-mail as the bank knows it: a chosen user ID may not be it. */
  email?: string;
}

export interface CreateEnrolmentResponse {
  /** Opaque; hand it to the page for `<mitid-enrol>`. Valid until `expires_at`, for this client's origins only. */
  enrolment_token: string;
  expires_at: string;
}

// ---- /v1/enrol/… (the page, with the enrolment token) ------------------------------------------------------

/** Contact details for notices (step 4): an e-mail address, a mobile number, or both. */
export interface EnrolContact {
  email?: string;
  /** `+` and 8–15 digits (E.164), or 8 digits (a Danish number). */
  phone?: string;
}

/** What the enrolment holds so far: the page shows it again after a reload, or going back a step. */
export interface EnrolmentView {
  expires_at: string;
  /** Step 2: accepted at (ISO 8601), or absent. Every other step comes after it. */
  terms_accepted_at?: string;
  /** Step 3. */
  method?: EnrolMethod;
  /** Step 4. */
  contact?: EnrolContact;
  /** Step 5: the user ID reserved for this enrolment, as the user typed it. */
  user_id?: string;
  /** Step 6 for a code display or an audio code reader: the device sent, by its serial number (as on its back). */
  device?: { method: 'code-display' | 'code-reader'; serial: string };
  /**
   * Once an authenticator is active (step 7): the signed result (a JWS, `typ` `mitid-enrolment+jwt`) that the page
   * hands to the bank's back end, which verifies it with `verifyEnrolment` (mitid-login/verify).
   */
  result?: string;
}

/** `POST /v1/enrol/terms`. */
export interface AcceptTermsRequest {
  accepted: true;
}

/** `POST /v1/enrol/method`. */
export interface EnrolMethodRequest {
  method: EnrolMethod;
}

/** `POST /v1/enrol/user-id/check` (is it free?) and `POST /v1/enrol/user-id` (reserve it for this enrolment). */
export interface UserIdChoiceRequest {
  user_id: string;
}

/** `POST /v1/enrol/user-id/check`: the user ID may be chosen and is free (else `user_id_refused` or `user_id_taken`). */
export interface UserIdCheckResponse {
  available: true;
}

/** Why contact details are refused (`reason` of `invalid_contact`). */
export type ContactProblem = 'none' | 'email' | 'phone';

/** The `reason` of `user_id_refused`, `password_refused` and `invalid_contact`. */
export type EnrolProblem = ChosenUserIdProblem | ChosenPasswordProblem | ContactProblem;

/** `POST /v1/enrol/device/activate` (step 7, code devices): the serial number, the device's first code, a password. */
export interface ActivateCodeDeviceRequest {
  serial: string;
  code: string;
  password: string;
}

/** `POST /v1/enrol/app` (step 7, the app): what the page shows, as a QR code and as text, for the app to take. */
export interface AppActivationResponse {
  /** The user ID the app activates for (as the user chose it). */
  user_id: string;
  /** A one-time activation code, `XXXX-XXXX-XXXX`, good for `expires_at`; a new call makes a new one. */
  activation_code: string;
  expires_at: string;
  /** The text of the activation QR code: `mitid-activation:1:<user ID>:<activation code>`. */
  qr_text: string;
}

/**
 * `POST /v1/enrol/chip-key/options` (step 7, a chip; no body): the WebAuthn registration options for the page's
 * `navigator.credentials.create({ publicKey })` (`PublicKeyCredential.parseCreationOptionsFromJSON(options)`), for
 * the user ID reserved, the page's origin as the relying party. A new call makes a new challenge.
 */
export interface ChipKeyOptionsResponse {
  /** PublicKeyCredentialCreationOptionsJSON. */
  options: unknown;
}

/**
 * `POST /v1/enrol/chip-key` (step 7, a chip): the key's answer (`credential.toJSON()`, a RegistrationResponseJSON)
 * to the last options, and the password chosen to go with the chip. Makes the identity, answered with the view and
 * its `result`; `webauthn_failed` when the answer does not verify (the options can be asked for again).
 */
export interface RegisterChipKeyRequest {
  response: unknown;
  password: string;
}

/** The signed result's claims (besides `iss`, `aud` = the client id, `iat`, `exp`, `jti`). */
export interface EnrolmentResultClaims {
  /** The pairwise subject: the same `sub` the client's login assertions carry for this identity. */
  sub: string;
  /** The bank's reference it created the enrolment with. */
  customer_ref: string;
  /** The authenticators the new MitID has: one, the one activated. */
  methods: EnrolMethod[];
  enrolled_at: number;
}

export type { ChosenPasswordProblem, ChosenUserIdProblem };
