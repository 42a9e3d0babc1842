/**
 * The bank's back end starts an enrolment (protocol/enrol-api.ts): it authenticates to the broker as a confidential
 * client, preferably with a JWT client assertion signed by its own private key (RFC 7523 `private_key_jwt`: the
 * broker holds only the public key), else with its client secret (HTTP Basic), and gets the enrolment token to hand
 * to its page. Part of `mitid-login/verify`, Node only.
 */
import { randomBytes } from 'node:crypto';
import { SignJWT, type CryptoKey, type KeyObject } from 'jose';
import {
  CLIENT_ASSERTION_TYPE,
  type CreateEnrolmentRequest,
  type CreateEnrolmentResponse,
} from '../protocol/enrol-api.js';
import type { ErrorBody } from '../protocol/page-api.js';

export type { CreateEnrolmentResponse } from '../protocol/enrol-api.js';

export interface AssertionKey {
  /** The private key (jose's `importJWK`/`importPKCS8`, or a Node KeyObject) whose public half the client registered. */
  privateKey: CryptoKey | KeyObject;
  /** The `kid` the public half was registered with. */
  kid: string;
  /** ES256 (P-256), ES384, EdDSA, PS256 or RS256. */
  alg: 'ES256' | 'ES384' | 'EdDSA' | 'PS256' | 'RS256';
}

export interface ClientAssertionOptions extends AssertionKey {
  clientId: string;
  /** The broker's public URL (its assertions' issuer), e.g. `https://broker.example`. */
  audience: string;
  /** Seconds the assertion is good for; at most 300, the broker's limit. Default 60. */
  lifetimeSeconds?: number;
}

/** A one-time client assertion (RFC 7523): `iss` and `sub` are the client, `aud` the broker, a fresh `jti`. */
export function clientAssertion(options: ClientAssertionOptions): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({})
    .setProtectedHeader({ alg: options.alg, kid: options.kid, typ: 'JWT' })
    .setIssuer(options.clientId)
    .setSubject(options.clientId)
    .setAudience(options.audience)
    .setIssuedAt(now)
    .setExpirationTime(now + Math.min(options.lifetimeSeconds ?? 60, 300))
    .setJti(randomBytes(18).toString('base64url'))
    .sign(options.privateKey);
}

export interface CreateEnrolmentOptions {
  /** The broker's public URL. */
  brokerUrl: string;
  clientId: string;
  /** The client's key (preferred), or its secret. */
  auth: AssertionKey | { secret: string };
  /** Your reference for the customer (a customer number; never a CPR number), and what you know of them. */
  customer: { ref: string; name: string; email?: string };
  /** For tests: a `fetch` of your own. */
  fetch?: typeof fetch;
}

/** What the broker refused, with its stable code (`invalid_client`, `invalid_request`, `rate_limited`, …). */
export class EnrolmentRequestError extends Error {
  override readonly name = 'EnrolmentRequestError';

  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

/** Creates an enrolment for a customer you have identified; resolves with the token for the page. */
export async function createEnrolment(options: CreateEnrolmentOptions): Promise<CreateEnrolmentResponse> {
  const brokerUrl = options.brokerUrl.replace(/\/+$/, '');
  const body: CreateEnrolmentRequest = {
    client_id: options.clientId,
    customer_ref: options.customer.ref,
    name: options.customer.name,
    ...(options.customer.email !== undefined ? { email: options.customer.email } : {}),
  };
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if ('secret' in options.auth) {
    const encode = (part: string) => encodeURIComponent(part);
    const basic = Buffer.from(`${encode(options.clientId)}:${encode(options.auth.secret)}`).toString('base64');
    headers.authorization = `Basic ${basic}`;
  } else {
    body.client_assertion_type = CLIENT_ASSERTION_TYPE;
    body.client_assertion = await clientAssertion({ ...options.auth, clientId: options.clientId, audience: brokerUrl });
  }
  const response = await (options.fetch ?? fetch)(`${brokerUrl}/v1/enrolments`, {
    method: 'POST',
    headers,
    body: JSON.stringify(body),
  });
  const answer: unknown = await response.json().catch(() => undefined);
  if (response.status !== 201) {
    const error = (answer as Partial<ErrorBody<string>> | undefined)?.error;
    throw new EnrolmentRequestError(
      error?.code ?? 'bad_response',
      error?.message ?? `HTTP ${response.status}`,
      response.status,
    );
  }
  return answer as CreateEnrolmentResponse;
}
