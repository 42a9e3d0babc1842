/**
 * What the element needs from a broker, as an interface: the flow machine talks only to this, so that the HTTP
 * transport (a real broker) and the scripted transport (stories, tests) are interchangeable. DOM-free.
 */
import type {
  ChooseMethodRequest,
  ChooseMethodResponse,
  CreateSessionRequest,
  CreateSessionResponse,
  ErrorCode,
  ExtendResponse,
  QrFrameResponse,
  SessionStatusEvent,
} from '../../protocol/page-api.js';

/** What identifies a session on every later call. The token travels in a header, never in a URL. */
export interface SessionRef {
  id: string;
  token: string;
}

/** WebAuthn request options as JSON (`PublicKeyCredentialRequestOptionsJSON` from @simplewebauthn). */
export type WebauthnOptionsJSON = Record<string, unknown>;
/** A WebAuthn assertion as JSON (`AuthenticationResponseJSON` from @simplewebauthn). */
export type WebauthnResponseJSON = Record<string, unknown>;

/** Error codes a transport adds to the broker's own: the network failed, or the call was aborted. */
export type TransportErrorCode = ErrorCode | 'network' | 'aborted' | 'bad_response';

/** What a broker's error may add about the user ID's wrong tries (see `ErrorBody`). */
export interface TriesDetails {
  /** The length of the block that follows the last try (seconds); absent: until support. */
  blockSeconds?: number;
  /** `factor_blocked`: when the block ends (epoch ms); absent: until support. */
  blockedUntil?: number;
}

/** A failed call: a broker's 4xx/5xx `{ error: { code, message } }`, a lost network, or an abort. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly code: TransportErrorCode,
    message: string,
    readonly status = 0,
    readonly attemptsLeft?: number,
    readonly tries: TriesDetails = {},
  ) {
    super(message);
  }
}

export function isAbort(error: unknown): boolean {
  return (
    (error instanceof TransportError && error.code === 'aborted') ||
    (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError')
  );
}

/** How the status subscription is connected right now (for diagnostics and tests). */
export type ConnectionKind = 'stream' | 'long-poll' | 'reconnecting' | 'closed';

export interface StatusHandlers {
  /** Each new status, in `seq` order, never the same `seq` twice. */
  onStatus(status: SessionStatusEvent): void;
  /** The session cannot be followed any more (unknown session, bad token): a terminal problem. */
  onError?(error: TransportError): void;
  onConnection?(kind: ConnectionKind): void;
}

export interface StatusSubscription {
  /** Drop the current connection and reconnect at once (e.g. the page became visible again). */
  reconnectNow(): void;
  close(): void;
}

export interface Transport {
  createSession(request: CreateSessionRequest, signal?: AbortSignal): Promise<CreateSessionResponse>;
  chooseMethod(session: SessionRef, request: ChooseMethodRequest, signal?: AbortSignal): Promise<ChooseMethodResponse>;
  qrFrame(session: SessionRef, signal?: AbortSignal): Promise<QrFrameResponse>;
  /** Resolves with the new status when the broker answers with one. */
  submitCode(session: SessionRef, code: string, signal?: AbortSignal): Promise<SessionStatusEvent | undefined>;
  submitPassword(session: SessionRef, password: string, signal?: AbortSignal): Promise<SessionStatusEvent | undefined>;
  webauthnOptions(session: SessionRef, signal?: AbortSignal): Promise<WebauthnOptionsJSON>;
  submitWebauthn(
    session: SessionRef,
    response: WebauthnResponseJSON,
    signal?: AbortSignal,
  ): Promise<SessionStatusEvent | undefined>;
  extend(session: SessionRef, signal?: AbortSignal): Promise<ExtendResponse>;
  cancel(session: SessionRef, signal?: AbortSignal): Promise<void>;
  /** Follow the session's status from after `afterSeq` until it completes, fails, or the signal aborts. */
  subscribe(session: SessionRef, afterSeq: number, handlers: StatusHandlers, signal: AbortSignal): StatusSubscription;
}

/** Timers, injectable so that tests run on a fake clock instead of sleeping. */
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/** Resolves after `ms` on `clock`, or rejects with an abort error when `signal` aborts first. */
export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new TransportError('aborted', 'aborted'));
    const onAbort = () => {
      clock.clearTimeout(handle);
      reject(new TransportError('aborted', 'aborted'));
    };
    const handle = clock.setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export function isTerminal(status: SessionStatusEvent): boolean {
  return status.status === 'complete' || status.status === 'failed';
}
