/**
 * A relying party's own server-side session, by @fastify/cookie and @fastify/session: an opaque random id (signed)
 * in an HttpOnly, SameSite=Strict cookie scoped to the relying party's path, `Secure` when the request came over
 * https or the party's pages are served over https (TLS may end at a proxy); the data in a bounded in-memory store. Enough for a demo back end; a real one keeps it in its own store.
 */
import { randomBytes } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifySession from '@fastify/session';
import type { FastifyInstance, FastifyRequest, Session } from 'fastify';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  interface Session {
    /** The relying party's own data (each relying party has its own type, see {@link CookieSessions}). */
    relyingParty?: object;
  }
}

/** A session left alone this long is forgotten; the next request starts a fresh one. */
const IDLE_LIMIT_MS = 30 * 60 * 1000;
/** Signed-in sessions each relying party keeps at most; past that the least recently used goes first. */
export const MAX_SESSIONS = 10_000;
/** Sessions without a user (a login not finished, a visitor) kept at most, apart from the signed-in ones. */
export const MAX_ANONYMOUS_SESSIONS = 10_000;

type Callback = (error?: unknown) => void;

export interface LruSessionStoreOptions {
  /** Signed-in sessions kept at most (default {@link MAX_SESSIONS}). */
  max?: number;
  /** Sessions without a user kept at most (default {@link MAX_ANONYMOUS_SESSIONS}). */
  maxAnonymous?: number;
  idleMs?: number;
  clock?: { now(): number };
  /** Whether a relying party's data belongs to a signed-in user. Default: it has a `user`. */
  signedIn?: (data: object | undefined) => boolean;
}

const hasUser = (data: object | undefined) => Boolean(data && (data as { user?: unknown }).user);

/**
 * @fastify/session's store interface over two LRU caches: bounded in number, and a session idle past `idleMs`
 * expires (every read renews it). Anyone can make a session without a user (one request does), so those are kept
 * apart from the signed-in ones: a flood of new visitors pushes out only other visitors, never a signed-in user.
 * The relying party's data is kept by reference, as the plugin's own memory store keeps it, so that two requests
 * of one session at once see each other's changes (a nonce one of them used is gone for the other).
 */
export class LruSessionStore {
  private readonly signedInSessions: LRUCache<string, Session>;
  private readonly anonymousSessions: LRUCache<string, Session>;
  private readonly signedIn: (data: object | undefined) => boolean;

  constructor(options: LruSessionStoreOptions = {}) {
    const common = {
      ttl: options.idleMs ?? IDLE_LIMIT_MS,
      updateAgeOnGet: true,
      // Tests move time with a fake clock (read on every check, not cached for a millisecond of real time);
      // lru-cache reads `performance` otherwise.
      ...(options.clock ? { perf: options.clock, ttlResolution: 0 } : {}),
    };
    this.signedInSessions = new LRUCache({ ...common, max: options.max ?? MAX_SESSIONS });
    this.anonymousSessions = new LRUCache({ ...common, max: options.maxAnonymous ?? MAX_ANONYMOUS_SESSIONS });
    this.signedIn = options.signedIn ?? hasUser;
  }

  get size(): number {
    return this.signedInSessions.size + this.anonymousSessions.size;
  }

  set(sessionId: string, session: Session, callback: Callback): void {
    // Its fields, not the session object itself: that also holds the request it was made for.
    const { cookie, relyingParty } = session;
    const [tier, other] = this.signedIn(relyingParty)
      ? [this.signedInSessions, this.anonymousSessions]
      : [this.anonymousSessions, this.signedInSessions];
    other.delete(sessionId);
    tier.set(sessionId, { cookie, relyingParty });
    callback();
  }

  get(sessionId: string, callback: (error: unknown, session?: Session | null) => void): void {
    callback(null, this.signedInSessions.get(sessionId) ?? this.anonymousSessions.get(sessionId) ?? null);
  }

  destroy(sessionId: string, callback: Callback): void {
    this.signedInSessions.delete(sessionId);
    this.anonymousSessions.delete(sessionId);
    callback();
  }
}

/** `cookieName`'s Set-Cookie lines with `Secure` added (before SameSite, where the plugin puts it). */
function withSecure(header: string | string[], cookieName: string): string | string[] {
  const mark = (line: string) =>
    !line.startsWith(`${cookieName}=`) || /;\s*Secure(;|$)/i.test(line)
      ? line
      : line.includes('; SameSite=')
        ? line.replace('; SameSite=', '; Secure; SameSite=')
        : `${line}; Secure`;
  return Array.isArray(header) ? header.map(mark) : mark(header);
}

export class CookieSessions<T extends object> {
  constructor(
    private readonly cookieName: string,
    private readonly path: string,
    private readonly create: () => T,
    private readonly store = new LruSessionStore(),
  ) {}

  /**
   * Registers the cookie and session plugins in `scope`: the relying party's own routes, and only those.
   * `servedOverHttps` says whether the page making `request` is an https page (its public URL): then the cookie is
   * `Secure` even when the request reached this server over http from a proxy.
   */
  async install(scope: FastifyInstance, servedOverHttps?: (request: FastifyRequest) => boolean): Promise<void> {
    await scope.register(fastifyCookie);
    await scope.register(fastifySession, {
      cookieName: this.cookieName,
      // Signs the id in the cookie; new at every start, like the sessions themselves.
      secret: randomBytes(32).toString('base64url'),
      store: this.store,
      cookie: { path: this.path, httpOnly: true, sameSite: 'strict', secure: false },
      // A cookie only once the relying party keeps something (load), and again only when that changes.
      saveUninitialized: false,
      rolling: false,
    });
    if (!servedOverHttps) return;
    // TLS ended at a proxy: the request came over http, but the browser's page is https. The plugin refuses to
    // save a session whose cookie is Secure over http, so the cookie is made Secure on its way out instead.
    scope.addHook('onSend', async (request, reply) => {
      const header = reply.getHeader('set-cookie');
      if (request.protocol === 'https' || !servedOverHttps(request) || typeof header === 'number' || !header) return;
      // Fastify appends Set-Cookie values: the old ones go first.
      reply.removeHeader('set-cookie');
      reply.header('set-cookie', withSecure(header, this.cookieName));
    });
  }

  /** The caller's session, made (and its cookie set) when there is none or it has gone idle. */
  load(request: FastifyRequest): T {
    const session = request.session;
    this.secureOverHttps(request);
    // Only this class writes the field, always with a T made by `create` or given to `renew`.
    session.relyingParty ??= this.create();
    return session.relyingParty as T;
  }

  /** Ends the caller's session and starts a fresh one (a new id after logout, and after login: no fixation). */
  async renew(request: FastifyRequest, data: T = this.create()): Promise<void> {
    await request.session.regenerate();
    this.secureOverHttps(request);
    request.session.relyingParty = data;
  }

  /**
   * `Secure` exactly when the request came over https (else see `install`). Not the plugin's `secure: 'auto'`:
   * that turns SameSite down to Lax over http.
   */
  private secureOverHttps(request: FastifyRequest): void {
    request.session.options({ secure: request.protocol === 'https' });
  }
}
