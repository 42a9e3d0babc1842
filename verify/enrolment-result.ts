/**
 * The bank's back end checks the result of an enrolment (the `result` the page's `<mitid-enrol>` hands over) here:
 * signed by the broker (`typ` `mitid-enrolment+jwt`), for this client, for the customer the bank started the
 * enrolment for, fresh, and used once. Its `sub` is the one the client's login assertions will carry for the new
 * MitID, so the bank can link its customer to later logins. Part of `mitid-login/verify`, Node only.
 */
import { errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import type { EnrolmentResultClaims } from '../protocol/enrol-api.js';
import { keyResolver } from './keys.js';
import { firstUse, type ReplayStore } from './replay.js';

export type { EnrolmentResultClaims } from '../protocol/enrol-api.js';

export const ENROLMENT_RESULT_TYP = 'mitid-enrolment+jwt';

export type EnrolmentResultErrorCode =
  | 'malformed'
  | 'bad_signature'
  | 'unknown_key'
  | 'wrong_type'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'wrong_customer'
  | 'expired'
  | 'replayed'
  | 'jwks_unavailable';

export class EnrolmentResultError extends Error {
  override readonly name = 'EnrolmentResultError';

  constructor(
    readonly code: EnrolmentResultErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyEnrolmentOptions {
  /** The broker's issuer URL. */
  issuer: string;
  /** Your client id. */
  audience: string;
  /** The `customer_ref` you created the enrolment with: a result for another customer is `wrong_customer`. */
  customerRef: string;
  jwks?: JSONWebKeySet;
  jwksUrl?: string | URL;
  /** Where used results are remembered (as for assertions); absent: one in-memory store for this process. */
  replayStore?: ReplayStore | false;
  clockToleranceSeconds?: number;
  /** For tests: the current time. */
  currentDate?: Date;
}

/** Verifies an enrolment's result and returns its claims, or throws an {@link EnrolmentResultError}. */
export async function verifyEnrolment(
  jws: string,
  options: VerifyEnrolmentOptions,
): Promise<EnrolmentResultClaims & { iss: string; aud: string; iat: number; exp: number; jti: string }> {
  if (typeof jws !== 'string' || jws.split('.').length !== 3) {
    throw new EnrolmentResultError('malformed', 'The result is not a compact JWS.');
  }
  const tolerance = options.clockToleranceSeconds ?? 30;
  let claims;
  try {
    ({ payload: claims } = await jwtVerify<EnrolmentResultClaims>(jws, keyResolver(options, 'verifyEnrolment'), {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256'],
      typ: ENROLMENT_RESULT_TYP,
      clockTolerance: tolerance,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'customer_ref', 'methods'],
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    }));
  } catch (error) {
    throw translate(error);
  }
  if (claims.customer_ref !== options.customerRef) {
    throw new EnrolmentResultError('wrong_customer', 'The result is for another customer than the expected one.');
  }
  const full = claims as typeof claims & { iss: string; aud: string; iat: number; exp: number; jti: string };
  const until = new Date((full.exp + tolerance) * 1000);
  const now = (options.currentDate ?? new Date()).getTime();
  if (!(await firstUse(options.replayStore, full.jti, until, now))) {
    throw new EnrolmentResultError('replayed', 'This result has been used before.');
  }
  return full;
}

function translate(error: unknown): EnrolmentResultError {
  if (error instanceof joseErrors.JWTExpired) return new EnrolmentResultError('expired', 'The result has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'typ') return new EnrolmentResultError('wrong_type', 'This is not an enrolment result.');
    if (error.claim === 'iss') return new EnrolmentResultError('wrong_issuer', 'The issuer does not match.');
    if (error.claim === 'aud') return new EnrolmentResultError('wrong_audience', 'The audience does not match.');
    return new EnrolmentResultError('malformed', `The result lacks a valid "${error.claim}" claim.`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return new EnrolmentResultError('unknown_key', 'No published key matches the result.');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed || error instanceof joseErrors.JOSEAlgNotAllowed) {
    return new EnrolmentResultError('bad_signature', 'The signature is not valid.');
  }
  if (error instanceof joseErrors.JWKSTimeout || error instanceof joseErrors.JWKSInvalid) {
    return new EnrolmentResultError('jwks_unavailable', "The broker's keys could not be fetched.");
  }
  return new EnrolmentResultError('malformed', 'The result could not be read.');
}
