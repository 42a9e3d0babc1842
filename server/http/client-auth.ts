/**
 * Confidential clients: a bank's back end proves it is the client it names, by a JWT client assertion (RFC 7523,
 * `private_key_jwt`: signed with a key it registered, for this broker, short-lived, used once) or by HTTP Basic with
 * its client secret (`client_secret_basic`). Every failure is one answer, 401 `invalid_client`, whatever was wrong:
 * no client, no means registered, a wrong secret or key, another audience, an old or replayed assertion.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { CLIENT_ASSERTION_TYPE, ENROL_LIMITS } from '../../protocol/enrol-api.js';
import type { Clock } from '../clock.js';
import type { ClientConfig, ClientRegistry } from '../config/clients.js';
import type { SharedState } from '../stores/shared-state.js';
import { BrokerError } from './errors.js';

/** What a request names and brings: the body's fields of RFC 7523 (the header's Basic credentials are read here). */
export interface ClientCredentials {
  client_id: string;
  client_assertion_type?: string;
  client_assertion?: string;
}

// Asymmetric only: an HMAC "assertion" keyed with a public key must never verify.
const ALGORITHMS = ['ES256', 'ES384', 'EdDSA', 'PS256', 'RS256'];
/** How far ahead of the broker's clock a bank's clock may run: an assertion issued that much in the future passes. */
const CLOCK_SKEW_SECONDS = 60;
// Compared against when no secret is registered, so that the answer takes as long as a real comparison.
const NO_SECRET = Buffer.alloc(32);

function refused(): BrokerError {
  return new BrokerError(
    'invalid_client',
    'The client did not authenticate: send a client assertion signed with a key the client registered, or its secret with HTTP Basic.',
  );
}

function sha256(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

/** `Authorization: Basic …` as RFC 6749 section 2.3.1 writes it (both parts form-encoded), or undefined. */
function basicCredentials(request: FastifyRequest): { id: string; secret: string } | undefined {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !/^Basic /i.test(header)) return undefined;
  const decoded = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) throw refused();
  try {
    const decode = (part: string) => decodeURIComponent(part.replace(/\+/g, ' '));
    return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
  } catch {
    throw refused();
  }
}

export class ClientAuthenticator {
  constructor(
    private readonly clients: ClientRegistry,
    private readonly state: SharedState,
    private readonly clock: Clock,
    /** The audiences an assertion may name: the broker's issuer URL and the endpoint's URL. */
    private readonly audiences: () => string[],
  ) {}

  /** The client the request authenticates as, or 401 `invalid_client`. */
  async authenticate(request: FastifyRequest, credentials: ClientCredentials): Promise<ClientConfig> {
    const basic = basicCredentials(request);
    const hasAssertion = credentials.client_assertion !== undefined || credentials.client_assertion_type !== undefined;
    if (basic && hasAssertion) {
      throw new BrokerError('invalid_request', 'Authenticate one way: a client assertion or HTTP Basic, not both.');
    }
    const client = this.clients.get(credentials.client_id);
    if (basic) {
      if (basic.id !== credentials.client_id) throw refused();
      return this.bySecret(client, basic.secret);
    }
    if (!hasAssertion) throw refused();
    if (credentials.client_assertion_type !== CLIENT_ASSERTION_TYPE || !credentials.client_assertion) throw refused();
    return this.byAssertion(client, credentials.client_id, credentials.client_assertion);
  }

  private bySecret(client: ClientConfig | undefined, secret: string): ClientConfig {
    const registered = client?.auth?.secretSha256 ? Buffer.from(client.auth.secretSha256, 'hex') : NO_SECRET;
    const same = timingSafeEqual(sha256(secret), registered);
    if (!client?.auth?.secretSha256 || !same) throw refused();
    return client;
  }

  private async byAssertion(client: ClientConfig | undefined, clientId: string, assertion: string) {
    const jwks = client?.auth?.jwks;
    if (!client || !jwks) throw refused();
    const now = this.clock.now();
    let payload;
    try {
      ({ payload } = await jwtVerify(assertion, createLocalJWKSet(jwks), {
        issuer: clientId,
        subject: clientId,
        audience: this.audiences(),
        algorithms: ALGORITHMS,
        currentDate: new Date(now),
        requiredClaims: ['exp', 'iat', 'jti'],
        maxTokenAge: ENROL_LIMITS.clientAssertionMaxSeconds,
        // The bank's clock may run up to a minute ahead of ours (the `iat` check below); without this, jose refuses
        // an `iat` even a second in the future. `exp` is held strictly below.
        clockTolerance: CLOCK_SKEW_SECONDS,
      }));
    } catch {
      throw refused();
    }
    const exp = payload.exp as number;
    const iat = payload.iat as number;
    const jti = payload.jti as string;
    const maxSeconds = ENROL_LIMITS.clientAssertionMaxSeconds;
    if (exp * 1000 <= now || exp - iat > maxSeconds || exp * 1000 > now + maxSeconds * 1000) throw refused();
    if (iat * 1000 > now + CLOCK_SKEW_SECONDS * 1000) throw refused();
    if (jti.length < 16 || jti.length > 256) throw refused();
    // Used once: remembered until it expires (and a little after, for the clock's sake), on every instance.
    const key = `client-jti:${client.id}:${sha256(jti).toString('hex')}`;
    if (!(await this.state.add(key, '1', exp * 1000 - now + 60_000))) throw refused();
    return client;
  }
}
