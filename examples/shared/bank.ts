/**
 * What the React, Vue and Angular examples share, free of any framework: the bank's calls to its own back end
 * (a fresh nonce per login or approval, the assertion posted back for the server to verify), and an offline
 * stand-in for trying an example with no broker at all.
 *
 * Live, the back end is the `npm start` server's example relying party under /examples/api/ (demo/rp/examples.ts);
 * each example's dev server forwards that path to http://localhost:8080. Offline (`npm run dev:offline`, and the
 * examples' browser tests), the element gets `ScriptedTransport` and nothing is verified.
 */
import {
  MitidErrorEvent,
  MitidSuccessEvent,
  type MitidCancelEvent,
  type MitidStateEvent,
  type Transport,
} from 'mitid-login';
import { ScriptedTransport } from 'mitid-login/testing';

/** The client id the broker knows the examples by (demo/clients.json). */
export const CLIENT_ID = 'examples';

/** What the element needs to start: the broker's URL and this login's nonce, both from the bank's server. */
export interface Start {
  broker: string;
  nonce: string;
}

/** An approval also carries the exact text the bank's server built; the user approves that text, word for word. */
export interface ApprovalStart extends Start {
  text: string;
}

export interface Bank {
  /** True when the element runs on the scripted transport and nothing is verified. */
  readonly offline: boolean;
  /** The transport to give the element's `transport` property; `undefined` means the real broker. */
  readonly transport: Transport | undefined;
  startLogin(): Promise<Start>;
  /** The server verifies the assertion; the answer is the user's name as the server knows it. */
  finishLogin(assertion: string): Promise<{ name: string }>;
  startApproval(): Promise<ApprovalStart>;
  /** The server verifies the approval against the text it built; the answer is the approved text. */
  finishApproval(assertion: string): Promise<{ text: string }>;
  /** Ends the bank's session (its server forgets the user). */
  logout(): Promise<void>;
}

/** A refusal from the bank's server, with a message for the user (Danish, like the rest of the page). */
export class BankError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'BankError';
  }
}

interface ErrorBody {
  error?: { code?: string; message?: string };
}

async function call<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { credentials: 'same-origin', ...init });
  } catch {
    throw new BankError('network', 'Banken kan ikke nås lige nu. Tjek forbindelsen, og prøv igen.');
  }
  const body = (await response.json().catch(() => ({}))) as T & ErrorBody;
  if (!response.ok) {
    throw new BankError(
      body.error?.code ?? `http_${response.status}`,
      body.error?.message ?? 'Banken svarede med en fejl.',
    );
  }
  return body;
}

function post<T>(path: string, body: unknown): Promise<T> {
  return call<T>(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
}

/** The bank with its real back end under `base` (default `/examples/api`), on the page's own origin. */
export function liveBank(base = '/examples/api'): Bank {
  return {
    offline: false,
    transport: undefined,
    startLogin: () => post<Start>(`${base}/session`, {}),
    finishLogin: (assertion) =>
      post<{ user: { name: string } }>(`${base}/login`, { assertion }).then(({ user }) => ({ name: user.name })),
    startApproval: () => post<ApprovalStart>(`${base}/approval`, {}),
    finishApproval: (assertion) =>
      post<{ approved: { text: string } }>(`${base}/approval/verify`, { assertion }).then(({ approved }) => ({
        text: approved.text,
      })),
    logout: () => post(`${base}/logout`, {}).then(() => undefined),
  };
}

/** The transfer every example asks the user to approve. */
export const TRANSFER_TEXT = 'Overførsel af 2.300,00 kr. til konto 9978 000123456';

/** The one-time code and password the offline code display accepts (shown on the page in offline mode). */
export const OFFLINE_CODE = '123456';
export const OFFLINE_PASSWORD = 'hemmelig';

function randomNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_');
}

/** The claims of the scripted transport's unsigned stand-in assertion (offline mode only). */
function claimsOf(assertion: string): Record<string, unknown> {
  const payload = assertion.split('.')[1] ?? '';
  const json = new TextDecoder().decode(
    Uint8Array.from(atob(payload.replace(/-/g, '+').replace(/_/g, '/')), (char) => char.charCodeAt(0)),
  );
  return JSON.parse(json) as Record<string, unknown>;
}

/**
 * The bank with no back end: the element talks to a scripted broker (the app approves by itself after a few
 * seconds; the code display takes {@link OFFLINE_CODE}). It still checks what a real server would compare, the
 * nonce and the approved text, so a wiring mistake shows up here too; but nothing is signed or verified.
 */
export function offlineBank(): Bank {
  let expected: { nonce: string; text?: string } | undefined;
  const take = (assertion: string) => {
    const claims = claimsOf(assertion);
    const wanted = expected;
    expected = undefined;
    if (!wanted || claims.nonce !== wanted.nonce) {
      throw new BankError('nonce_mismatch', 'Svaret hører ikke til dette login. Prøv igen.');
    }
    return { claims, wanted };
  };
  return {
    offline: true,
    transport: new ScriptedTransport({
      clientName: 'Eksempelbanken',
      code: OFFLINE_CODE,
      password: OFFLINE_PASSWORD,
      app: [
        { after: 1500, hint: 'qr-scanned' },
        { after: 1500, hint: 'user-signing' },
        { after: 1500, complete: true },
      ],
    }),
    async startLogin() {
      expected = { nonce: randomNonce() };
      return { broker: '', nonce: expected.nonce };
    },
    async finishLogin(assertion) {
      take(assertion);
      return { name: 'Offline Bruger' };
    },
    async startApproval() {
      expected = { nonce: randomNonce(), text: TRANSFER_TEXT };
      return { broker: '', nonce: expected.nonce, text: TRANSFER_TEXT };
    },
    async finishApproval(assertion) {
      const { claims, wanted } = take(assertion);
      const text = (claims.txn as { text?: unknown } | undefined)?.text;
      if (text !== wanted.text) throw new BankError('transaction_mismatch', 'Den godkendte tekst er ikke bankens.');
      return { text: String(text) };
    },
    async logout() {
      expected = undefined;
    },
  };
}

type MitidEvent = MitidSuccessEvent | MitidErrorEvent | MitidCancelEvent | MitidStateEvent;

/** One line of the page's event log: what the element said, e.g. `mitid-error: locked`. */
export function logLine(event: MitidEvent): string {
  if (event instanceof MitidSuccessEvent) return `${event.type}: ${event.detail.mode} (${event.detail.method ?? '-'})`;
  if (event instanceof MitidErrorEvent) return `${event.type}: ${event.detail.code}`;
  return `${event.type}: ${event.detail.step}`;
}

/** The newest lines first, at most `limit` of them. */
export function appendLog(log: readonly string[], line: string, limit = 8): string[] {
  return [line, ...log].slice(0, limit);
}
