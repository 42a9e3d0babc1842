/**
 * The login half of a demo relying party's own back end, under its own prefix (e.g. /netbank/api/): it hands
 * the page a fresh server-made nonce for each login (by POST: issuing one changes the session), keeps the verified
 * user in a server-side session, and believes nothing the browser says until `mitid-login/verify` has checked the
 * broker's signature. Every call that changes the session must come from the party's own pages (./same-origin.ts).
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { CookieSessions } from './cookie-session.js';
import { describeUser, type VerifiedUser } from './labels.js';
import { fromOwnPage, SAFE_METHODS } from './same-origin.js';
import type { AssertionChecker } from './verifier.js';

export interface RpSession {
  /** The nonce put on the page for the login in progress; used once. */
  loginNonce?: string;
  user?: VerifiedUser;
  /**
   * The verified login's `login_hint` (opaque, sealed by the broker, short-lived): given to the page for an approval
   * so that the user is not asked for the user ID again.
   */
  loginHint?: string;
}

export interface RelyingPartyContext<S extends RpSession> {
  clientId: string;
  prefix: string;
  sessions: CookieSessions<S>;
  checker: AssertionChecker;
  /**
   * The origin the assertion must carry (the broker writes the page's origin into it). A relying party with one
   * origin ignores the request; one served on several (the examples' dev servers) picks the caller's, if it is its own.
   */
  origin: (request: FastifyRequest) => string;
  /** The broker the page's element talks to. */
  brokerUrl: () => string;
}

export function newNonce(): string {
  return randomBytes(24).toString('base64url');
}

export function sendError(reply: FastifyReply, status: number, code: string, message: string) {
  return reply.code(status).send({ error: { code, message } });
}

/** Refuses bodies that a plain HTML form on another site could send (with SameSite=Strict this is belt and braces). */
export function isJson(request: FastifyRequest): boolean {
  return (request.headers['content-type'] ?? '').startsWith('application/json');
}

export function assertionOf(body: unknown): unknown {
  return body && typeof body === 'object' ? (body as { assertion?: unknown }).assertion : undefined;
}

/**
 * Registers a relying party's back end in a Fastify scope of its own, so that its cookie and session plugins see
 * its routes and no one else's: the login routes, then `routes`, the party's own.
 */
export async function registerRelyingParty<S extends RpSession>(
  app: FastifyInstance,
  rp: RelyingPartyContext<S>,
  routes: (scope: FastifyInstance) => void,
): Promise<void> {
  await app.register(async (scope) => {
    // A page served over https gets a Secure cookie even where TLS ends at a proxy in front of this server.
    await rp.sessions.install(scope, (request) => rp.origin(request).startsWith('https:'));
    registerLogin(scope, rp);
    routes(scope);
  });
}

function registerLogin<S extends RpSession>(app: FastifyInstance, rp: RelyingPartyContext<S>): void {
  const api = `${rp.prefix}/api`;

  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith(`${api}/`)) return;
    reply.header('cache-control', 'no-store');
    if (!SAFE_METHODS.has(request.method) && !fromOwnPage(request, rp.origin(request))) {
      return sendError(reply, 403, 'cross_origin', 'This call is accepted only from the site’s own pages.');
    }
  });

  // The page asks for this on load and after every finished or failed login: a nonce is never reused.
  app.post(`${api}/session`, async (request, reply) => {
    if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
    const session = rp.sessions.load(request);
    session.loginNonce = newNonce();
    return {
      client_id: rp.clientId,
      broker: rp.brokerUrl(),
      nonce: session.loginNonce,
      user: session.user ?? null,
    };
  });

  app.post(`${api}/login`, async (request, reply) => {
    if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
    const session = rp.sessions.load(request);
    const nonce = session.loginNonce;
    delete session.loginNonce;
    if (!nonce) return sendError(reply, 400, 'no_login', 'No login is in progress on this page.');
    const outcome = await rp.checker.check(assertionOf(request.body), {
      clientId: rp.clientId,
      nonce,
      origin: rp.origin(request),
    });
    if (!outcome.ok) return sendError(reply, 401, outcome.code, outcome.message);
    const user = describeUser(outcome.claims);
    const fresh = { ...session, user } as S;
    delete fresh.loginNonce;
    if (outcome.claims.login_hint) fresh.loginHint = outcome.claims.login_hint;
    else delete fresh.loginHint;
    await rp.sessions.renew(request, fresh);
    return { user };
  });

  app.post(`${api}/logout`, async (request) => {
    await rp.sessions.renew(request);
    return { ok: true };
  });
}
