/** Everything the routes share: one object, built once per app by `buildApp`. */
import type { Clock } from './clock.js';
import type { ClientRegistry } from './config/clients.js';
import type { IdentityDirectory } from './config/identities.js';
import type { DeviceRegistry } from './app-api/devices.js';
import type { RateLimiter } from './http/rate-limit.js';
import type { KeyRing } from './keys.js';
import type { PasswordChecker } from './passwords.js';
import type { QrSigner } from './qr.js';
import type { SessionService } from './sessions/service.js';
import type { SessionStore } from './sessions/types.js';
import type { SharedState } from './state.js';
import type { BrokerSettings, RateLimitSettings } from './settings.js';
import type { TotpVerifier } from './totp.js';
import type { ChipRegistry } from './webauthn.js';

export interface BrokerContext {
  clock: Clock;
  settings: BrokerSettings;
  rateLimits: RateLimitSettings;
  store: SessionStore;
  /** Devices, chip keys, rate-limit counters, TOTP replay memory: in memory or in Redis, like the sessions. */
  state: SharedState;
  clients: ClientRegistry;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  totp: TotpVerifier;
  qr: QrSigner;
  keys: KeyRing;
  devices: DeviceRegistry;
  chips: ChipRegistry;
  limiter: RateLimiter;
  /** Secret behind pairwise `sub`s; stable across restarts in production (BROKER_SUBJECT_SECRET). */
  subjectSecret: Buffer;
  /** The broker's public URL (no trailing slash): the assertion issuer. */
  issuer(): string;
  /** Where the simulated app lives; same-device links point here. */
  appUrl(): string;
}

export interface Broker extends BrokerContext {
  sessions: SessionService;
}
