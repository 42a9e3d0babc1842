/**
 * `mitid-login/verify`: the relying party's back end checks an assertion from `<mitid-login>` here.
 *
 * Never trust the `mitid-success` event alone: the page is not a trusted party. Post the assertion to your back
 * end and call `verifyAssertion` with what *you* expect (your client id, the nonce you issued for this page, your
 * origin, and, for an approval, the exact text you asked the user to approve).
 */
import { createHash } from 'node:crypto';
import { errors as joseErrors, jwtVerify, type JSONWebKeySet } from 'jose';
import { keyResolver } from './keys.js';
import { ACR, type Acr, type AssertionClaims } from '../protocol/page-api.js';
import { normalizeTransactionText } from '../protocol/rules.js';
import type { TransactionDetails } from '../protocol/transaction.js';
import { firstUse, type ReplayStore } from './replay.js';
import { transactionMismatch } from './transaction.js';

export { ACR, type Acr, type AssertionClaims } from '../protocol/page-api.js';
export type {
  Account,
  Amount,
  BatchDetails,
  BatchPayment,
  PaymentDetails,
  TransactionDetails,
} from '../protocol/transaction.js';
export { MemoryReplayStore, type ReplayStore } from './replay.js';
export { RedisReplayStore, type RedisSetNx } from './redis-replay.js';
export {
  clientAssertion,
  createEnrolment,
  EnrolmentRequestError,
  type AssertionKey,
  type ClientAssertionOptions,
  type CreateEnrolmentOptions,
  type CreateEnrolmentResponse,
} from './enrolment.js';
export {
  ENROLMENT_RESULT_TYP,
  EnrolmentResultError,
  verifyEnrolment,
  type EnrolmentResultClaims,
  type EnrolmentResultErrorCode,
  type VerifyEnrolmentOptions,
} from './enrolment-result.js';

export type VerifyErrorCode =
  | 'malformed'
  | 'bad_signature'
  | 'unknown_key'
  | 'wrong_issuer'
  | 'wrong_audience'
  | 'expired'
  | 'not_yet_valid'
  | 'wrong_nonce'
  | 'wrong_origin'
  | 'wrong_subject'
  | 'wrong_mode'
  | 'transaction_mismatch'
  | 'replayed'
  | 'insufficient_acr'
  | 'jwks_unavailable';

/** A level of assurance by its name (`'substantial'`) or its NSIS URI (`ACR.substantial`). */
export type AcrLevel = keyof typeof ACR | Acr;

/** Thrown by {@link verifyAssertion}; switch on `code`. */
export class AssertionError extends Error {
  override readonly name = 'AssertionError';
  constructor(
    readonly code: VerifyErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface VerifyOptions {
  /** The broker's issuer URL (its `iss`, as in its discovery document). */
  issuer: string;
  /** Your client id. */
  audience: string;
  /** The nonce your server put on the page for this login. */
  nonce: string;
  /** Your page's origin, e.g. `https://netbank.example`. */
  origin: string;
  /**
   * For an approval: the exact text you asked the user to approve. Given, the assertion must be an approval of
   * this text; absent, it must be a login (an approval is never accepted as a login, nor the reverse).
   */
  expectedTransactionText?: string;
  /**
   * The `sub` the assertion must be for, e.g. that of the user who is logged in, when an approval was started with
   * the login's `login_hint`; another subject is refused with `wrong_subject`. Absent: any subject.
   */
  expectedSub?: string;
  /**
   * For the approval of a payment or a batch: the details you sent (`transaction.details`). Given, the assertion must
   * approve exactly these, compared field by field (each amount's value and currency, each payee's account and name,
   * each reference), with the text the user saw being the broker's rendering of them; any difference is
   * `transaction_mismatch`. May be given with `expectedTransactionText` (both are then checked) or alone.
   */
  expectedTransaction?: TransactionDetails;
  /** The broker's key set, or a URL to fetch it from (cached, refreshed on an unknown `kid`). */
  jwks?: JSONWebKeySet;
  jwksUrl?: string | URL;
  /**
   * Where used assertions (their `jti`) are remembered, so that a second use is refused with `replayed`. Absent:
   * one in-memory store shared by every call in this process, enough for a single back end. Several back ends must
   * share one (`RedisReplayStore`). `false` turns replay protection off: only when your own code already refuses a
   * second use of a `jti`.
   */
  replayStore?: ReplayStore | false;
  /**
   * The lowest level of assurance you accept (`'low'`, `'substantial'`, `'high'`, or the NSIS URI). An assertion
   * below it, or with a level this verifier does not know, is refused with `insufficient_acr`. Absent: any level.
   */
  minimumAcr?: AcrLevel;
  /** Allowed clock difference, seconds. Default 30. */
  clockToleranceSeconds?: number;
  /** For tests: the current time. */
  currentDate?: Date;
}

/** The NSIS levels, lowest first. */
const ACR_ORDER: readonly Acr[] = [ACR.low, ACR.substantial, ACR.high];

function acrRank(level: string): number {
  return ACR_ORDER.indexOf((ACR as Record<string, Acr>)[level] ?? (level as Acr));
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** Verifies a compact JWS from the broker and returns its claims, or throws an {@link AssertionError}. */
export async function verifyAssertion(jws: string, options: VerifyOptions): Promise<AssertionClaims> {
  if (typeof jws !== 'string' || jws.split('.').length !== 3) {
    throw new AssertionError('malformed', 'The assertion is not a compact JWS.');
  }
  const keys = keyResolver(options, 'verifyAssertion');
  const toleranceSeconds = options.clockToleranceSeconds ?? 30;
  let claims: AssertionClaims;
  try {
    const result = await jwtVerify<AssertionClaims>(jws, keys, {
      issuer: options.issuer,
      audience: options.audience,
      algorithms: ['ES256'],
      // An enrolment's result (typ mitid-enrolment+jwt) has no nonce, origin or mode: refused here as malformed.
      clockTolerance: toleranceSeconds,
      requiredClaims: ['iss', 'aud', 'sub', 'iat', 'exp', 'jti', 'nonce', 'origin', 'mode'],
      ...(options.currentDate ? { currentDate: options.currentDate } : {}),
    });
    claims = result.payload;
  } catch (error) {
    throw translateJoseError(error, options.jwks === undefined);
  }
  // jose checks `iat` only against a maximum age; an assertion issued in the future is refused here.
  const nowSeconds = Math.floor((options.currentDate ?? new Date()).getTime() / 1000);
  if (typeof claims.iat !== 'number' || claims.iat > nowSeconds + toleranceSeconds) {
    throw new AssertionError('not_yet_valid', 'The assertion is not valid yet.');
  }
  if (claims.nonce !== options.nonce) throw new AssertionError('wrong_nonce', 'The nonce does not match.');
  if (claims.origin !== options.origin) throw new AssertionError('wrong_origin', 'The origin does not match.');
  if (options.expectedSub !== undefined && claims.sub !== options.expectedSub) {
    throw new AssertionError('wrong_subject', 'The assertion is for another user than the expected one.');
  }
  checkTransaction(claims, options.expectedTransactionText, options.expectedTransaction);
  checkLevel(claims, options.minimumAcr);
  // Remembered until the assertion could no longer pass the expiry check, tolerance included.
  const until = new Date((claims.exp + toleranceSeconds) * 1000);
  if (!(await firstUse(options.replayStore, claims.jti, until, nowSeconds * 1000))) {
    throw new AssertionError('replayed', 'This assertion has been used before.');
  }
  return claims;
}

function checkLevel(claims: AssertionClaims, minimum: AcrLevel | undefined): void {
  if (minimum === undefined) return;
  const required = acrRank(minimum);
  if (required < 0) throw new TypeError(`verifyAssertion: unknown minimumAcr "${minimum}"`);
  // Only a known URI counts: a level name in the claim, or an unknown URI, ranks -1.
  const actual = ACR_ORDER.indexOf(claims.acr);
  if (actual < required) {
    throw new AssertionError('insufficient_acr', "The assertion's level of assurance is below the one required.");
  }
}

function checkTransaction(
  claims: AssertionClaims,
  expectedText: string | undefined,
  expectedDetails: TransactionDetails | undefined,
): void {
  if (expectedText === undefined && expectedDetails === undefined) {
    if (claims.mode !== 'login' || claims.txn) {
      throw new AssertionError('wrong_mode', 'Expected a login, but the assertion is an approval.');
    }
    return;
  }
  if (claims.mode !== 'approve' || !claims.txn) {
    throw new AssertionError('wrong_mode', 'Expected an approval, but the assertion is a login.');
  }
  if (expectedDetails !== undefined) {
    const mismatch = transactionMismatch(claims.txn, expectedDetails);
    if (mismatch) throw new AssertionError('transaction_mismatch', mismatch);
  }
  if (expectedText === undefined) return;
  const expected = normalizeTransactionText(expectedText);
  if (claims.txn.text !== expected || claims.txn.sha256 !== sha256Hex(expected)) {
    throw new AssertionError('transaction_mismatch', 'The approved text is not the expected text.');
  }
}

function translateJoseError(error: unknown, remoteKeys: boolean): AssertionError {
  if (error instanceof AssertionError) return error;
  if (error instanceof joseErrors.JWTExpired) return new AssertionError('expired', 'The assertion has expired.');
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return new AssertionError('wrong_issuer', 'The issuer does not match.');
    if (error.claim === 'aud') return new AssertionError('wrong_audience', 'The audience does not match.');
    if (error.claim === 'nbf' || error.claim === 'iat') {
      return new AssertionError('not_yet_valid', 'The assertion is not valid yet.');
    }
    return new AssertionError('malformed', `The assertion lacks a valid "${error.claim}" claim.`);
  }
  if (error instanceof joseErrors.JWKSNoMatchingKey) {
    return new AssertionError('unknown_key', 'No published key matches the assertion.');
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) {
    return new AssertionError('bad_signature', 'The signature is not valid.');
  }
  if (error instanceof joseErrors.JOSEAlgNotAllowed) {
    return new AssertionError('bad_signature', 'The assertion is not signed with ES256.');
  }
  if (
    error instanceof joseErrors.JWKSTimeout ||
    error instanceof joseErrors.JWKSInvalid ||
    // fetch() fails with a TypeError when the key set's host cannot be reached; a non-200 answer is a generic
    // JOSEError.
    (remoteKeys && (!(error instanceof joseErrors.JOSEError) || error.code === 'ERR_JOSE_GENERIC'))
  ) {
    return new AssertionError('jwks_unavailable', 'The broker key set could not be fetched.');
  }
  return new AssertionError('malformed', 'The assertion could not be read.');
}
