/** A broker for tests: fixed public URL, a manual clock, cheap password hashing, and small request helpers. */
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp, type AppOptions } from '../../../server/app.js';
import { DEMO_IDENTITIES_FILE } from '../../../demo/config.js';
import { ManualClock } from '../../../server/clock.js';
import { loadIdentitiesFile, type IdentitySeed } from '../../../server/config/identities.js';
import type { CreateSessionRequest, CreateSessionResponse, SessionStatusEvent } from '../../../protocol/page-api.js';
import { CodeDevice, injectPort, type HttpPort } from '../../../testing/node/index.js';

export const PUBLIC_URL = 'http://localhost:7777';
export const BANK_ORIGIN = 'https://bank.example';

export const TEST_CLIENTS = [
  { id: 'netbank', name: 'Netbank A/S', origins: ['self', BANK_ORIGIN] },
  { id: 'kommune', name: 'Demo Kommune', origins: [BANK_ORIGIN] },
];

/** The seeded identities of demo/identities.json, which the tests use as testers would. */
export const IDENTITIES: IdentitySeed[] = loadIdentitiesFile(DEMO_IDENTITIES_FILE);

export function identity(userId: string): IdentitySeed {
  const found = IDENTITIES.find((entry) => entry.userId === userId);
  if (!found) throw new Error(`no identity ${userId}`);
  return found;
}

export const NONCE = 'n-0123456789abcdef';

export class TestBroker {
  /** The app API through `inject`, for the simulated app (testing/node/app-device.ts). */
  readonly port: HttpPort;

  constructor(
    readonly app: FastifyInstance,
    readonly clock: ManualClock,
  ) {
    this.port = injectPort(app);
  }

  async createSession(
    overrides: Partial<CreateSessionRequest> = {},
    origin = BANK_ORIGIN,
  ): Promise<CreateSessionResponse & { id: string; token: string }> {
    const response = await this.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin },
      payload: { client_id: 'netbank', mode: 'login', user_id: 'bo.kodeviser', nonce: NONCE, ...overrides },
    });
    if (response.statusCode !== 201) throw new Error(`create session: ${response.statusCode} ${response.body}`);
    const body = response.json<CreateSessionResponse>();
    return { ...body, id: body.session_id, token: body.session_token };
  }

  /** A session call with the bearer token. */
  call(
    method: 'GET' | 'POST',
    url: string,
    token: string | undefined,
    payload?: unknown,
    headers: Record<string, string> = {},
  ): Promise<LightMyRequestResponse> {
    return this.app.inject({
      method,
      url,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      ...(payload === undefined ? {} : { payload: payload as object }),
    });
  }

  async status(id: string, token: string): Promise<SessionStatusEvent> {
    return (await this.call('GET', `/v1/sessions/${id}`, token)).json<SessionStatusEvent>();
  }

  /**
   * Resolves once something on this instance subscribes to the session's status events: a long-poll that now
   * waits, or a stream that now follows. The broker announces no such moment, so this wraps its store's
   * `subscribe` (in the test only) until then. Call it before the request that subscribes.
   */
  nextSubscription(sessionId: string, timeoutMs = 5000): Promise<void> {
    const store = this.app.broker.store;
    const own = Object.prototype.hasOwnProperty.call(store, 'subscribe');
    const original = store.subscribe;
    const restore = () => {
      if (own) store.subscribe = original;
      else delete (store as Partial<typeof store>).subscribe;
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        restore();
        reject(new Error(`nothing subscribed to session ${sessionId} within ${timeoutMs} ms`));
      }, timeoutMs);
      store.subscribe = (id, listener) => {
        const unsubscribe = original.call(store, id, listener);
        if (id === sessionId) {
          clearTimeout(timer);
          restore();
          resolve();
        }
        return unsubscribe;
      };
    });
  }

  /** The code a code display with `secret` shows at the broker's time (the testing kit's device). */
  totp(secret: string, at = this.clock.now()): string {
    return new CodeDevice('code-display', secret).code(at);
  }

  close(): Promise<void> {
    return this.app.close();
  }
}

/** What every test broker shares: the public URL, the clock, cheap password hashing, the test clients and identities. */
export function testAppOptions(clock: ManualClock): AppOptions {
  return { publicUrl: PUBLIC_URL, clock, passwordCost: 1024, clients: TEST_CLIENTS, identities: IDENTITIES };
}

export async function startBroker(options: AppOptions = {}): Promise<TestBroker> {
  const clock = new ManualClock(Date.now());
  const app = await buildApp({ ...testAppOptions(clock), ...options });
  return new TestBroker(app, clock);
}

/** Logs in by code display, through HTTP alone; returns the completed status. */
export async function loginByCode(
  broker: TestBroker,
  userId = 'bo.kodeviser',
  overrides: Partial<CreateSessionRequest> = {},
): Promise<{ session: CreateSessionResponse & { id: string; token: string }; status: SessionStatusEvent }> {
  const seed = identity(userId);
  const session = await broker.createSession({ user_id: userId, ...overrides });
  await broker.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
  // Each login reads a new code from the display: a code is accepted once only.
  broker.clock.advance(30_000);
  const code = broker.totp(seed.totp?.['code-display'] ?? '');
  const afterCode = await broker.call('POST', `/v1/sessions/${session.id}/code`, session.token, { code });
  if (afterCode.statusCode !== 200) throw new Error(`code: ${afterCode.body}`);
  const done = await broker.call('POST', `/v1/sessions/${session.id}/password`, session.token, {
    password: seed.password,
  });
  if (done.statusCode !== 200) throw new Error(`password: ${done.body}`);
  return { session, status: done.json<SessionStatusEvent>() };
}
