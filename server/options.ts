/** What `buildApp` takes: everything a deployment or a test sets, each with the broker's default named. */
import type { JWK } from 'jose';
import type { Clock } from './clock.js';
import type { ClientConfig } from './config/clients.js';
import type { IdentitySeed } from './config/identities.js';
import type { TrustProxy } from './config/trust-proxy.js';
import type { LogOptions } from './http/logging.js';
import type { SessionStore } from './sessions/types.js';
import type { BrokerSettings, RateLimitSettings, ServerSettings } from './settings.js';
import type { KeyRing } from './signing/keys.js';
import type { DevicePost } from './enrolment/device-post.js';
import type { Notifier } from './identity/notices.js';

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
  /** Timeouts and the connection cap of the HTTP server (DEFAULT_SERVER_SETTINGS for what is not given). */
  server?: Partial<ServerSettings>;
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
  /**
   * Behind reverse proxies: how many of them (hops) stand in front of the broker, or their addresses and CIDR
   * networks; the client address (rate limits) is then taken from X-Forwarded-For up to the first address the
   * trusted proxies did not add. Never every hop: the left-most entry is the client's own writing. With a hop count
   * the broker must be reachable only through the proxies. Default: none, the socket's address.
   */
  trustProxy?: TrustProxy;
  /**
   * Share sessions, events, signing keys, devices, chip keys, rate limits and replay memory with every other
   * instance through this Redis (`redis://…`, `rediss://…`; `REDIS_URL` in `npm start`). Unset: all in memory.
   */
  redisUrl?: string;
  /** Prefix of every Redis key and channel (default `mitid:`); brokers with different prefixes share nothing. */
  redisKeyPrefix?: string;
  /**
   * Where notices to the identities' contact channels (e-mail, SMS) go: your provider. Default: an in-memory outbox
   * (`app.broker.notifier`), which a test or a demo page can read.
   */
  notifier?: Notifier;
  /**
   * Where a code display or an audio code reader ordered at enrolment goes, with its serial number and secret: the
   * service that programs and posts devices. Default: an in-memory post (`app.broker.devicePost`), which the demo's
   * simulated devices and tests read.
   */
  devicePost?: DevicePost;
}
