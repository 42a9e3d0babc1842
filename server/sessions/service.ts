/**
 * The session lifecycle: create, authenticate, choose a method, extend, cancel, expire, and finish (complete with
 * a signed assertion, or fail with a stable code). Authenticator steps live in factors.ts and app-api/; the rules
 * about two app requests at once in parallel.ts; what a completion means for the identity in `completed`.
 */
import { createHash } from 'node:crypto';
import type {
  CreateSessionResponse,
  DeviceKind,
  FailureCode,
  Method,
  SessionStatusEvent,
} from '../../protocol/page-api.js';
import { METHODS } from '../../protocol/page-api.js';
import {
  admittedTransaction,
  admittedUserId,
  assertedTransaction,
  storedTransaction,
  type UncheckedSessionRequest,
} from './admission.js';
import { browserFamily } from './browser-family.js';
import type { QrFrameResponse } from '../../protocol/page-api.js';
import type { Clock } from '../clock.js';
import type { ClientConfig, ClientRegistry } from '../config/clients.js';
import type { IdentityDirectory } from '../config/identities.js';
import { hashToken, newId, newToken, sameTokenHash } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import type { BrokerSettings } from '../settings.js';
import type { AssertionSigner } from '../signing/assertion.js';
import type { UserIds } from '../identity/user-ids.js';
import type { LoginHints } from '../signing/login-hint.js';
import type { FailureCounter } from '../identity/failures.js';
import type { ParallelRequests } from './parallel.js';
import { QrSigner, type QrFrames } from './qr-frames.js';
import { toStatusEvent } from './status.js';
import type { SessionRecord, SessionStore } from './types.js';

// Guessable methods: the user ID's wrong tries count for them, and a block stops them.
const GUESSABLE: ReadonlySet<Method> = new Set(['code-display', 'code-reader', 'chip']);

// Steps at which the user may still change method: nothing has been proven yet.
const METHOD_CHANGE_HINTS = new Set(['method-required', 'outstanding', 'code-required', 'chip-required']);

/** What the session lifecycle needs, and nothing more. */
export interface SessionServiceDeps {
  clock: Clock;
  settings: Pick<
    BrokerSettings,
    'sessionTtlMs' | 'maxExtensions' | 'maxMethodChanges' | 'failureLimit' | 'finishedRetentionMs'
  >;
  store: SessionStore;
  clients: ClientRegistry;
  identities: IdentityDirectory;
  assertions: AssertionSigner;
  /** Opens an approval's `login_hint` (the signer seals them into logins). */
  loginHints: LoginHints;
  /** Typed user IDs to identity keys (server/identity/user-ids.ts). */
  userIds: Pick<UserIds, 'resolve'>;
  qr: QrFrames;
  failures: FailureCounter;
  /** The parallel-request rules (they fail sessions through this service). */
  parallel: ParallelRequests;
  /** What a completed session means for the identity: its count reset, its history, a login proof. */
  completed: (session: SessionRecord, method: Method) => Promise<void>;
  /** Where the app lives: same-device links point here. */
  appUrl: () => string;
}

export class SessionService {
  constructor(private readonly deps: SessionServiceDeps) {}

  /**
   * The registered client of `clientId` when `origin` is one of its pages; throws `unknown_client` or
   * `origin_not_allowed`. Cheap and stateless, so it runs before anything is counted for the client.
   */
  admit(clientId: string, origin: string | undefined): ClientConfig & { origin: string } {
    const client = this.deps.clients.get(clientId);
    if (!client) throw new BrokerError('unknown_client', 'No client has this client_id.');
    if (!this.deps.clients.isAllowed(client, origin)) {
      throw new BrokerError('origin_not_allowed', 'The Origin of this page is not registered for the client.');
    }
    return { ...client, origin };
  }

  async create(
    request: UncheckedSessionRequest,
    origin: string | undefined,
    userAgent?: string,
  ): Promise<CreateSessionResponse> {
    const client = this.admit(request.client_id, origin);
    const now = this.deps.clock.now();
    const admitted = admittedUserId(request, this.deps.loginHints, now);
    // A typed user ID names the identity it is now (after a change, another key; given up, none); a hint, its key.
    const userId = request.login_hint === undefined ? await this.deps.userIds.resolve(admitted) : admitted;
    const transaction = admittedTransaction(request, client);
    const token = newToken();
    const session: SessionRecord = {
      id: newId(),
      tokenHash: hashToken(token),
      clientId: client.id,
      clientName: client.name,
      origin: client.origin,
      mode: request.mode,
      userId,
      nonce: request.nonce,
      createdAt: now,
      browser: browserFamily(userAgent),
      expiresAt: now + this.deps.settings.sessionTtlMs,
      extensionsLeft: this.deps.settings.maxExtensions,
      status: 'pending',
      hint: 'method-required',
      attemptsLeft: this.deps.settings.failureLimit,
      codeVerified: false,
      chipVerified: false,
      seq: 1,
    };
    if (transaction !== undefined) Object.assign(session, storedTransaction(transaction));
    if (request.browser_key !== undefined) {
      session.browserHash = createHash('sha256').update(`${client.id}\u0000${request.browser_key}`).digest('hex');
    }
    await this.deps.store.create(session);
    if (session.browserHash) await this.supersedeEarlier(session);
    return {
      session_id: session.id,
      session_token: token,
      expires_at: new Date(session.expiresAt).toISOString(),
      // The same list for every user ID: it must not tell whether the user exists or which devices they own.
      methods: [...METHODS],
      client_name: client.name,
      extensions_left: session.extensionsLeft,
      ...(transaction ? { transaction } : {}),
    };
  }

  /** The session of `id` if `token` is its bearer token; expires it first when its time has run out. */
  async authenticate(id: string, token: string): Promise<SessionRecord> {
    const session = await this.deps.store.get(id);
    if (!session) throw new BrokerError('session_not_found', 'No such session (it may have ended long ago).');
    if (!sameTokenHash(session.tokenHash, hashToken(token))) {
      throw new BrokerError('invalid_token', 'The token does not belong to this session.');
    }
    return this.expireIfDue(session);
  }

  async expireIfDue(session: SessionRecord): Promise<SessionRecord> {
    if (session.status !== 'pending' || session.expiresAt > this.deps.clock.now()) return session;
    return (await this.fail(session.id, 'expired')) ?? session;
  }

  async status(id: string, token: string): Promise<SessionStatusEvent> {
    return toStatusEvent(await this.authenticate(id, token));
  }

  async chooseMethod(
    id: string,
    token: string,
    method: Method,
    device: DeviceKind | undefined,
  ): Promise<{ session: SessionRecord; appLink?: string }> {
    const current = await this.authenticate(id, token);
    if (device !== undefined && method !== 'app') {
      throw new BrokerError('invalid_request', '"device" applies only to the app method.');
    }
    // A blocked user ID learns it when it picks a guessable method (known and unknown IDs alike); the session stays,
    // so the user can still pick the app.
    let attemptsLeft: number | undefined;
    if (GUESSABLE.has(method)) {
      const standing = await this.deps.failures.standing(current.userId);
      if (standing.blocked) throw blockedError(standing.until);
      attemptsLeft = standing.attemptsLeft;
    }
    const now = this.deps.clock.now();
    const linkSecret = method === 'app' && device === 'same' ? newToken() : undefined;
    const session = await this.mutatePending(id, (draft) => {
      const proven = draft.codeVerified || draft.chipVerified || draft.app?.scannedBy || draft.app?.openedBy;
      if (proven || !draft.hint || !METHOD_CHANGE_HINTS.has(draft.hint)) {
        throw new BrokerError('wrong_step', 'The method can no longer be changed in this session.');
      }
      if (draft.method !== undefined) {
        const changes = (draft.methodChanges ?? 0) + 1;
        if (changes > this.deps.settings.maxMethodChanges) {
          throw new BrokerError('method_change_limit', 'This session cannot change method again; start a new one.');
        }
        draft.methodChanges = changes;
      }
      draft.method = method;
      delete draft.app;
      delete draft.webauthnChallenge;
      if (attemptsLeft !== undefined) draft.attemptsLeft = attemptsLeft;
      if (method === 'app') {
        draft.hint = 'outstanding';
        draft.app = {
          requestId: newId(),
          qrId: QrSigner.newQrId(),
          challenge: newId(32),
          device: device ?? 'cross',
          startedAt: now,
          ...(linkSecret ? { linkSecretHash: hashToken(linkSecret) } : {}),
        };
      } else {
        draft.hint = method === 'chip' ? 'chip-required' : 'code-required';
      }
      return draft;
    });
    if (method === 'app' && (await this.deps.parallel.started(session))) {
      return { session: (await this.deps.store.get(id)) ?? session };
    }
    if (session.app && linkSecret) {
      return { session, appLink: `${this.deps.appUrl()}#request=${session.app.requestId}&secret=${linkSecret}` };
    }
    return { session };
  }

  /** A new session from the same browser and client replaces the user ID's unfinished earlier ones. */
  private async supersedeEarlier(session: SessionRecord): Promise<void> {
    for (const other of await this.deps.store.listByUser(session.userId)) {
      if (other.id !== session.id && other.status === 'pending' && other.browserHash === session.browserHash) {
        await this.fail(other.id, 'superseded');
      }
    }
  }

  /** The QR frame the page shows now (cross-device app step only). */
  async qrFrame(id: string, token: string): Promise<QrFrameResponse> {
    const session = await this.authenticate(id, token);
    if (session.status !== 'pending') throw new BrokerError('session_finished', 'The session has already ended.');
    if (session.method !== 'app' || session.app?.device !== 'cross') {
      throw new BrokerError('wrong_step', 'QR codes exist only for the app on another device.');
    }
    return this.deps.qr.current(session.app);
  }

  async extend(id: string, token: string): Promise<SessionRecord> {
    await this.authenticate(id, token);
    const now = this.deps.clock.now();
    return this.mutatePending(id, (draft) => {
      if (draft.extensionsLeft <= 0) throw new BrokerError('extend_limit', 'The session cannot be extended again.');
      draft.extensionsLeft -= 1;
      draft.expiresAt = Math.max(draft.expiresAt, now + this.deps.settings.sessionTtlMs);
      return draft;
    });
  }

  async cancel(id: string, token: string): Promise<SessionRecord> {
    await this.authenticate(id, token);
    const session = await this.fail(id, 'cancelled');
    if (!session) throw new BrokerError('session_finished', 'The session has already ended.');
    return session;
  }

  /**
   * Applies `mutate` to a pending session, atomically; throws `session_finished` when it has ended meanwhile.
   */
  async mutatePending(
    id: string,
    mutate: (draft: SessionRecord) => SessionRecord,
    options?: { emit?: boolean },
  ): Promise<SessionRecord> {
    let finished = false;
    const updated = await this.deps.store.update(
      id,
      (draft) => {
        if (draft.status !== 'pending' || draft.expiresAt <= this.deps.clock.now()) {
          finished = true;
          return undefined;
        }
        return mutate(draft);
      },
      options,
    );
    if (updated) return updated;
    if (finished) {
      const current = await this.deps.store.get(id);
      if (current) await this.expireIfDue(current);
      throw new BrokerError('session_finished', 'The session has already ended.');
    }
    throw new BrokerError('session_not_found', 'No such session (it may have ended long ago).');
  }

  /** Ends a pending session with `code`; undefined when it had already ended. */
  async fail(id: string, code: FailureCode, blockedUntil?: number): Promise<SessionRecord | undefined> {
    const now = this.deps.clock.now();
    return this.deps.store.update(id, (draft) => {
      if (draft.status !== 'pending') return undefined;
      draft.status = 'failed';
      draft.failure = code;
      draft.finishedAt = now;
      if (blockedUntil !== undefined) draft.blockedUntil = blockedUntil;
      delete draft.hint;
      return draft;
    });
  }

  /** Signs the assertion and completes the session. The identity must exist: unknown users never get here. */
  async complete(session: SessionRecord, method: Method, expectHint?: SessionRecord['hint']): Promise<SessionRecord> {
    const identity = await this.deps.identities.find(session.userId);
    if (!identity) throw new BrokerError('internal', 'The broker could not finish.');
    const now = this.deps.clock.now();
    const assertion = await this.deps.assertions.sign(
      {
        clientId: session.clientId,
        userId: identity.userId,
        name: identity.name,
        nonce: session.nonce,
        origin: session.origin,
        mode: session.mode,
        method,
        ...assertedTransaction(session),
      },
      now,
    );
    const completed = await this.mutatePending(session.id, (draft) => {
      // Guards against a concurrent step having moved the session on while the assertion was signed.
      if (expectHint && draft.hint !== expectHint) {
        throw new BrokerError('wrong_step', 'The session is not waiting for this step.');
      }
      draft.status = 'complete';
      draft.assertion = assertion;
      draft.finishedAt = now;
      delete draft.hint;
      return draft;
    });
    await this.deps.completed(completed, method);
    return completed;
  }

  /** Fails sessions whose time ran out (so streams hear `expired`) and forgets long-finished ones. */
  async sweep(): Promise<void> {
    const now = this.deps.clock.now();
    const stale = await this.deps.store.listStale(now, now - this.deps.settings.finishedRetentionMs);
    // Only what is still due: another instance may have extended or finished the session since it was listed.
    for (const id of stale.expired) {
      await this.deps.store.update(id, (draft) => {
        if (draft.status !== 'pending' || draft.expiresAt > now) return undefined;
        draft.status = 'failed';
        draft.failure = 'expired';
        draft.finishedAt = now;
        delete draft.hint;
        return draft;
      });
    }
    for (const id of stale.finished) await this.deps.store.delete(id);
  }
}

/** `factor_blocked`: the user ID's codes, password and chip are blocked until `until` (undefined: until support). */
export function blockedError(until: number | undefined): BrokerError {
  return until === undefined
    ? new BrokerError('factor_blocked', 'Too many wrong tries: blocked until MitID support lifts the block.')
    : new BrokerError('factor_blocked', 'Too many wrong tries: blocked for a while.', {
        blocked_until: new Date(until).toISOString(),
      });
}
