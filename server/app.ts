/**
 * The reference broker as a Fastify application. `buildApp` has no side effects beyond the instance it returns,
 * so tests start as many as they like. Options let tests give clients, identities, a clock and settings directly.
 */
import { randomBytes } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import type { JWK } from 'jose';
import { AppSteps } from './app-api/service.js';
import { DeviceRegistry } from './app-api/devices.js';
import type { Broker, BrokerContext } from './broker.js';
import { systemClock, type Clock } from './clock.js';
import { ClientRegistry, loadClientsFile, type ClientConfig } from './config/clients.js';
import { IdentityDirectory, loadIdentitiesFile, type IdentitySeed } from './config/identities.js';
import { installCors } from './http/cors.js';
import { installErrorHandlers, sendError, toBrokerError } from './http/errors.js';
import { loggerOptions, type LogOptions } from './http/logging.js';
import { RateLimiter } from './http/rate-limit.js';
import { KeyRing, type StoredSigningKey } from './keys.js';
import { DEFAULT_PASSWORD_COST, PasswordChecker } from './passwords.js';
import { QrSigner } from './qr.js';
import { appApiRoutes } from './routes/app-api.js';
import { enrolRoutes } from './routes/enrol.js';
import { factorRoutes } from './routes/factors.js';
import { sessionRoutes } from './routes/sessions.js';
import { statusRoutes } from './routes/status.js';
import { wellKnownRoutes } from './routes/well-known.js';
import { MemorySessionStore } from './sessions/memory-store.js';
import { connectRedis, type RedisParts } from './redis/index.js';
import { sharedKeyRing } from './redis/keys.js';
import { SessionService } from './sessions/service.js';
import type { SessionStore } from './sessions/types.js';
import { DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS, type BrokerSettings, type RateLimitSettings } from './settings.js';
import { MemorySharedState, type SharedState } from './state.js';
import { TotpVerifier } from './totp.js';
import { ChipRegistry } from './webauthn.js';

/** Body limit: the largest body is a WebAuthn response of a few KB. */
export const BODY_LIMIT = 8 * 1024;

export interface AppOptions {
  logger?: boolean | LogOptions;
  /**
   * The broker's public URL, e.g. `https://broker.example`: the assertion issuer and the `self` origin.
   * Default: `http://localhost:<bound port>` once listening (and `http://localhost` before).
   */
  publicUrl?: string;
  /** Clients, or the file to read them from: one of the two is required. */
  clients?: ClientConfig[];
  clientsFile?: string;
  /** Identities, or the file to read them from: one of the two is required. */
  identities?: IdentitySeed[];
  identitiesFile?: string;
  clock?: Clock;
  settings?: Partial<BrokerSettings>;
  rateLimits?: Partial<RateLimitSettings>;
  store?: SessionStore;
  keys?: KeyRing;
  /** Private signing keys (ES256 JWKs with `kid`, the last one signs), instead of keys made at start. */
  signingKeys?: { keys: JWK[] };
  /** Secret behind pairwise subjects; random per process unless given. */
  subjectSecret?: Buffer;
  /** Secret behind QR frame MACs; random per process unless given (several instances must share it). */
  qrSecret?: Buffer;
  /** scrypt N for password hashes (tests lower it). */
  passwordCost?: number;
  /** Trust X-Forwarded-For (behind a reverse proxy). */
  trustProxy?: boolean;
  /**
   * Share sessions, events, signing keys, devices, chip keys, rate limits and replay memory with every other
   * instance through this Redis (`redis://…`, `rediss://…`; `REDIS_URL` in `npm start`). Unset: all in memory.
   */
  redisUrl?: string;
  /** Prefix of every Redis key and channel (default `mitid:`); brokers with different prefixes share nothing. */
  redisKeyPrefix?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    broker: Broker;
  }
}

function keyRing(
  clock: Clock,
  settings: BrokerSettings,
  stored: { keys: JWK[] } | undefined,
  redis: RedisParts | undefined,
): Promise<KeyRing> {
  // A retired key stays published while its assertions may still pass a verifier's clock tolerance.
  const publishRetiredForMs = (settings.assertionTtlSeconds + 60) * 1000;
  if (redis) {
    const now = clock.now();
    const initial = stored?.keys.map((jwk, index): StoredSigningKey =>
      index < stored.keys.length - 1 ? { jwk, retiredAt: now } : { jwk },
    );
    return sharedKeyRing(redis.keys, clock, publishRetiredForMs, initial);
  }
  return stored
    ? KeyRing.fromPrivateJwks(clock, publishRetiredForMs, stored)
    : KeyRing.create(clock, publishRetiredForMs);
}

function required(value: string | undefined, what: string): string {
  if (value === undefined)
    throw new TypeError(`buildApp needs ${what}: the broker has no built-in clients or identities.`);
  return value;
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: loggerOptions(options.logger),
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    // Errors Fastify raises before routing (a malformed URL) get the same JSON shape as every other error.
    frameworkErrors: (error, _request, reply) => sendError(reply, toBrokerError(error)),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  // Only JSON bodies: a text/plain body is refused with 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  const clock = options.clock ?? systemClock;
  const settings: BrokerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rateLimits: RateLimitSettings = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  let publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const issuer = () => publicUrl ?? 'http://localhost';
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!publicUrl && address && typeof address === 'object') publicUrl = `http://localhost:${address.port}`;
  });

  const passwords = new PasswordChecker(options.passwordCost ?? DEFAULT_PASSWORD_COST);
  const clients = new ClientRegistry(
    options.clients ?? loadClientsFile(required(options.clientsFile, 'clients or clientsFile')),
    () => new URL(issuer()).origin,
  );
  const identitySeeds =
    options.identities ?? loadIdentitiesFile(required(options.identitiesFile, 'identities or identitiesFile'));
  const redis = options.redisUrl
    ? await connectRedis({
        url: options.redisUrl,
        clock,
        retentionMs: settings.finishedRetentionMs,
        ...(options.redisKeyPrefix ? { prefix: options.redisKeyPrefix } : {}),
      })
    : undefined;
  const memoryState = redis ? undefined : new MemorySharedState();
  const state: SharedState = redis?.state ?? (memoryState as MemorySharedState);
  let keys: KeyRing;
  let qrSecret: Buffer | undefined;
  let subjectSecret: Buffer;
  try {
    keys = options.keys ?? (await keyRing(clock, settings, options.signingKeys, redis));
    // With Redis, instances share the secrets behind QR frames and pairwise subjects unless they are given.
    qrSecret = options.qrSecret ?? (await redis?.secret('qr'));
    subjectSecret = options.subjectSecret ?? (redis ? await redis.secret('subject') : randomBytes(32));
  } catch (error) {
    await redis?.close();
    throw error;
  }
  if (redis && !options.keys) {
    // Another instance rotated: take the ring as Redis has it now.
    redis.onKeysChanged(() => {
      void redis.keys
        .load()
        .then((stored) => stored && keys.replace(stored))
        .catch(() => {});
    });
  }
  const context: BrokerContext = {
    clock,
    settings,
    rateLimits,
    store: options.store ?? redis?.store ?? new MemorySessionStore(),
    state,
    clients,
    identities: await IdentityDirectory.load(identitySeeds, passwords),
    passwords,
    totp: new TotpVerifier(clock, state),
    qr: new QrSigner(qrSecret),
    keys,
    devices: new DeviceRegistry(clock, state),
    chips: new ChipRegistry(clock, settings.enrolmentTtlMs, state),
    limiter: new RateLimiter(clock, rateLimits.windowMs, state),
    subjectSecret,
    issuer,
    appUrl: () => `${issuer()}/app/`,
  };
  const broker: Broker = Object.assign(context, { sessions: new SessionService(context) });
  app.decorate('broker', broker);

  installErrorHandlers(app);
  installCors(app, clients);
  const appSteps = new AppSteps(broker, broker.sessions);
  sessionRoutes(app, broker, appSteps);
  statusRoutes(app, broker);
  factorRoutes(app, broker);
  appApiRoutes(app, broker, appSteps);
  enrolRoutes(app, broker);
  wellKnownRoutes(app, broker);
  app.get('/healthz', async () => ({ ok: true }));
  // Readiness for a load balancer: this instance can reach its store.
  app.get('/readyz', async () => {
    await redis?.ping();
    return { ok: true, store: redis ? 'redis' : 'memory' };
  });

  // Expire sessions without keeping the process alive.
  let storeWasDown = false;
  const sweeper = setInterval(() => {
    void broker.sessions.sweep().then(
      () => {
        if (storeWasDown) app.log.info('the session store is back');
        storeWasDown = false;
      },
      (error: unknown) => {
        // One line per outage, not one per second.
        if (!storeWasDown) app.log.error({ err: error }, 'sweep failed');
        storeWasDown = true;
      },
    );
    memoryState?.prune();
  }, settings.sweepIntervalMs);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await redis?.close();
  });

  return app;
}
