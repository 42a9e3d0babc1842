/**
 * The composition root's parts: builds every store and service of one broker from its options, each service
 * getting only what it uses. `buildApp` (./app.ts) hands them to the route plugins; the result is also decorated
 * on the Fastify instance as `app.broker`, for operations (the sweeper, readiness) and tests.
 */
import { randomBytes } from 'node:crypto';
import type { JWK } from 'jose';
import { AppSteps } from './app-api/service.js';
import { DeviceRegistry } from './authenticators/app-devices.js';
import { ChipRegistry } from './authenticators/chip.js';
import { DEFAULT_PASSWORD_COST, PasswordChecker } from './authenticators/passwords.js';
import { TotpVerifier } from './authenticators/totp.js';
import { systemClock, type Clock } from './clock.js';
import { ClientRegistry, loadClientsFile } from './config/clients.js';
import { IdentityDirectory, loadIdentitiesFile, normalizeUserId } from './config/identities.js';
import { RequestLimits } from './http/request-limits.js';
import { RateLimiter } from './http/rate-limit.js';
import type { AppOptions } from './options.js';
import { connectRedis, type RedisParts } from './redis/index.js';
import { sharedKeyRing } from './redis/keys.js';
import { FailureCounter } from './identity/failures.js';
import { MemoryOutbox, Notices, type Notifier } from './identity/notices.js';
import { ActivationProofs } from './identity/proofs.js';
import { IdentityRegistry } from './identity/registry.js';
import { IdentityAccess } from './identity/access.js';
import { SelfService } from './identity/self-service.js';
import { UserIds } from './identity/user-ids.js';
import { FactorSteps } from './sessions/factors.js';
import { ParallelRequests } from './sessions/parallel.js';
import { PairingCodes } from './sessions/pairing-codes.js';
import { QrFrames, QrSigner } from './sessions/qr-frames.js';
import { SessionService } from './sessions/service.js';
import type { SessionStore } from './sessions/types.js';
import { DEFAULT_RATE_LIMITS, DEFAULT_SETTINGS, type BrokerSettings, type RateLimitSettings } from './settings.js';
import { ACR_OF_METHOD, AssertionSigner } from './signing/assertion.js';
import { KeyRing, type StoredSigningKey } from './signing/keys.js';
import { LoginHints } from './signing/login-hint.js';
import { MemorySessionStore } from './stores/memory-session-store.js';
import { MemorySharedState, type SharedState } from './stores/shared-state.js';
import { EnrolmentActivation } from './enrolment/activation.js';
import { MemoryDevicePost, type DevicePost } from './enrolment/device-post.js';
import { IdentitySettingsStore } from './identity/settings.js';
import { EnrolmentRecords } from './enrolment/records.js';
import { EnrolmentResults } from './enrolment/result.js';
import { UserIdReservations } from './enrolment/reservations.js';
import { EnrolmentService } from './enrolment/service.js';
import { ClientAuthenticator } from './http/client-auth.js';

export interface Broker {
  clock: Clock;
  settings: BrokerSettings;
  rateLimits: RateLimitSettings;
  store: SessionStore;
  /** Devices, chip keys, rate-limit counters, TOTP replay memory: in memory or in Redis, like the sessions. */
  state: SharedState;
  clients: ClientRegistry;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  keys: KeyRing;
  /** Secret behind pairwise `sub`s; stable across restarts in production (BROKER_SUBJECT_SECRET). */
  subjectSecret: Buffer;
  devices: DeviceRegistry;
  chips: ChipRegistry;
  limits: RequestLimits;
  /** Wrong tries per user ID, and blocks. */
  failures: FailureCounter;
  /** The identities' apps and keys, their states and history. */
  registry: IdentityRegistry;
  /** Letters and activation tickets. */
  proofs: ActivationProofs;
  notices: Notices;
  /** Where notices to contact channels go (the embedded outbox unless a notifier was given). */
  notifier: Notifier;
  sessions: SessionService;
  factors: FactorSteps;
  appSteps: AppSteps;
  /** Enrolments of new customers (steps 2–5), and the confidential clients' authentication that creates them. */
  enrolments: EnrolmentService;
  enrolmentActivation: EnrolmentActivation;
  /** Where code devices ordered at enrolment go (the embedded post unless one was given). */
  devicePost: DevicePost;
  /** The identities' own choices (a notice on every use). */
  identitySettings: IdentitySettingsStore;
  /** Typed user IDs to identity keys, and changing one's user ID. */
  userIds: UserIds;
  /** What a page may do with its user's MitID right after a login (`/v1/identity…`). */
  identityAccess: IdentityAccess;
  selfService: SelfService;
  clientAuth: ClientAuthenticator;
  /** The broker's public URL (no trailing slash): the assertion issuer. */
  issuer(): string;
  /** Redis, when the broker shares its state (readiness checks it; closing the app closes it). */
  redis: RedisParts | undefined;
  /** The in-memory shared state, pruned by the sweeper (undefined with Redis, which expires keys itself). */
  memoryState: MemorySharedState | undefined;
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
  if (value === undefined) {
    throw new TypeError(`buildApp needs ${what}: the broker has no built-in clients or identities.`);
  }
  return value;
}

/** Builds the broker's parts; `issuer` reads the public URL, which may be known only once the server listens. */
export async function wireBroker(options: AppOptions, issuer: () => string): Promise<Broker> {
  const clock = options.clock ?? systemClock;
  const settings: BrokerSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  const rateLimits: RateLimitSettings = { ...DEFAULT_RATE_LIMITS, ...options.rateLimits };
  const passwords = new PasswordChecker(options.passwordCost ?? DEFAULT_PASSWORD_COST, {
    concurrent: settings.passwordChecksAtOnce,
    queued: settings.passwordChecksQueued,
  });
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
        maxEventsPerSession: settings.maxEventsPerSession,
        ...(options.redisKeyPrefix ? { prefix: options.redisKeyPrefix } : {}),
      })
    : undefined;
  // Entries expire by the broker's own clock (so a test's fake clock ages them as it ages everything else).
  const memoryState = redis ? undefined : new MemorySharedState(() => clock.now());
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

  const store = options.store ?? redis?.store ?? new MemorySessionStore(settings.maxEventsPerSession);
  const identities = await IdentityDirectory.load(identitySeeds, passwords, state);
  const failures = new FailureCounter(clock, state, {
    limit: settings.failureLimit,
    blockSchedule: settings.blockSchedule,
  });
  const notifier = options.notifier ?? new MemoryOutbox();
  const devicePost = options.devicePost ?? new MemoryDevicePost();
  const notices = new Notices(state, notifier, async (userId) => (await identities.find(userId))?.contact);
  const registry = new IdentityRegistry(clock, state, identities, failures, notices, {
    maxApps: settings.maxAppDevices,
    maxChips: settings.maxChipKeys,
    revokedRetentionMs: settings.revokedRetentionMs,
  });
  const identitySettings = new IdentitySettingsStore(clock, state, notices);
  const reservations = new UserIdReservations(clock, state, identities);
  const userIds = new UserIds(clock, state, identities, reservations, notices);
  const proofs = new ActivationProofs(clock, state, {
    loginProofMs: settings.loginProofMs,
    ticketTtlMs: settings.activationTicketTtlMs,
    letterTtlMs: settings.letterTtlMs,
  });
  for (const seed of identitySeeds) {
    if (seed.activationCode) await proofs.seedLetter(normalizeUserId(seed.userId), seed.activationCode);
  }
  // One secret behind the QR frames and the pairing codes (each MAC has its own label).
  const qrKey = qrSecret ?? randomBytes(32);
  const pairing = new PairingCodes({
    secret: qrKey,
    clock,
    state,
    periodMs: settings.pairingCodeRefreshMs,
    maxAgeMs: settings.pairingCodeMaxAgeMs,
    wrongLimit: settings.pairingWrongLimit,
    wrongWindowMs: settings.pairingWrongWindowMs,
  });
  const qr = new QrFrames({
    signer: new QrSigner(qrKey),
    clock,
    refreshMs: settings.qrRefreshMs,
    maxAgeMs: settings.qrMaxAgeMs,
    pairing,
  });
  // It fails sessions through the session service, which is made next (the call comes later, at run time).
  const parallel: ParallelRequests = new ParallelRequests({
    clock,
    store,
    settings,
    notices,
    registry,
    fail: (id, code) => sessions.fail(id, code),
    known: async (userId) => (await identities.find(userId)) !== undefined,
  });
  const loginHints = new LoginHints({ subjectSecret, ttlSeconds: settings.loginHintTtlSeconds });
  const sessions = new SessionService({
    clock,
    settings,
    store,
    clients,
    identities,
    assertions: new AssertionSigner({
      keys,
      issuer,
      subjectSecret,
      ttlSeconds: settings.assertionTtlSeconds,
      loginHints,
    }),
    loginHints,
    userIds,
    qr,
    failures,
    parallel,
    // A completion proves the user: the wrong-try count starts over, the history says so, and a login may be
    // traded (once, for a few minutes) for a ticket that adds an app.
    completed: async (session, method) => {
      const at = clock.now();
      await failures.succeed(session.userId);
      await registry.record(session.userId, { kind: 'used', at, clientName: session.clientName, method });
      await identitySettings.used(session.userId, session.clientName, session.mode);
      if (session.mode === 'login' && session.assertion) {
        await proofs.rememberLogin(session.assertion, {
          userId: session.userId,
          acr: ACR_OF_METHOD[method],
          origin: session.origin,
          clientName: session.clientName,
          completedAt: at,
          ...(method === 'app' && session.app?.openedBy ? { byApp: session.app.openedBy } : {}),
        });
      }
    },
    appUrl: () => `${issuer()}/app/`,
  });
  const chips = new ChipRegistry(clock, settings.enrolmentTtlMs, state, registry, proofs);
  const enrolmentRecords = new EnrolmentRecords(clock, state, clients);
  const totp = new TotpVerifier(clock, state);
  // Enough for typing slips; not enough to probe which user IDs are taken.
  const USER_ID_TRIES_PER_ACCESS = 10;
  const identityAccess = new IdentityAccess(clock, state, proofs, {
    accessTtlMs: settings.identityAccessMs,
    userIdTriesPerAccess: USER_ID_TRIES_PER_ACCESS,
  });
  return {
    clock,
    settings,
    rateLimits,
    store,
    state,
    clients,
    identities,
    passwords,
    keys,
    subjectSecret,
    devices: new DeviceRegistry(clock, state, registry, { idleMs: settings.deviceIdleMs }),
    chips,
    limits: new RequestLimits(new RateLimiter(clock, rateLimits.windowMs, state), rateLimits),
    failures,
    registry,
    proofs,
    notices,
    notifier,
    sessions,
    factors: new FactorSteps({
      sessions,
      identities,
      passwords,
      totp,
      chips,
      failures,
      clock,
    }),
    appSteps: new AppSteps({ clock, sessions, store, identities, qr, pairing, parallel }),
    identitySettings,
    userIds,
    identityAccess,
    selfService: new SelfService({
      access: identityAccess,
      registry,
      settings: identitySettings,
      userIds,
      proofs,
    }),
    enrolments: new EnrolmentService(clock, enrolmentRecords, reservations),
    enrolmentActivation: new EnrolmentActivation({
      clock,
      records: enrolmentRecords,
      reservations,
      directory: identities,
      passwords,
      totp,
      proofs,
      registry,
      notices,
      results: new EnrolmentResults({ keys, issuer, subjectSecret }),
      post: devicePost,
      chips,
    }),
    devicePost,
    // An assertion names the broker (its issuer URL) or the endpoint it is sent to, as RFC 7523 allows.
    clientAuth: new ClientAuthenticator(clients, state, clock, () => [issuer(), `${issuer()}/v1/enrolments`]),
    issuer,
    redis,
    memoryState,
  };
}
