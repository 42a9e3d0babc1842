/**
 * The broker fixture: the reference broker (server/app.ts) in this process on a free port, with the clients and
 * identities a test gives (by default one client for the bank's page origins and the documented test identity
 * set), and the simulated authenticators bound to it: app devices activated with a fresh letter, code devices
 * from the identities' secrets. `stop()` closes it. No test-framework import: call it from any runner's hooks.
 */
import { buildApp } from '../../server/app.js';
import { AppDevice } from './app-device.js';
import { CodeDevice, type CodeDeviceKind } from './code-device.js';
import { fetchPort, type HttpPort } from './http-port.js';
import { testIdentities, type TestIdentity } from './identities.js';

/** A relying party: its id (the element's `client-id`), the name the app shows, its pages' exact origins. */
export interface TestClient {
  id: string;
  name: string;
  origins: string[];
}

/**
 * The broker settings a test may shorten (all in milliseconds but the counts); the rest keep the broker's defaults
 * (server/settings.ts).
 */
export interface BrokerFixtureSettings {
  /** Lifetime of a new session (default 3 min). */
  sessionTtlMs?: number;
  /** Wrong codes and passwords in a row before the user ID is blocked (default 5). */
  failureLimit?: number;
  /** How often the element gets a new QR frame, and how old a scanned one may be. */
  qrRefreshMs?: number;
  qrMaxAgeMs?: number;
  /** How often the status stream sends a heartbeat. */
  heartbeatMs?: number;
  /** How long an activation letter's code stays valid. */
  letterTtlMs?: number;
}

export interface BrokerFixtureOptions {
  /** The origins of the bank's pages that start sessions (a client `netbank` is made for them); or `clients`. */
  origins?: string[];
  /** The relying parties, instead of the one `origins` makes. */
  clients?: TestClient[];
  /** Default: {@link testIdentities} (fresh random TOTP secrets). */
  identities?: TestIdentity[];
  /** Broker settings (session lifetime, failure limit, …) for what a test needs shorter. */
  settings?: BrokerFixtureSettings;
  /** The host to listen on (default `localhost`). */
  host?: string;
  /** The port (default 0: a free one). */
  port?: number;
}

export interface BrokerFixture {
  /** The broker's URL, for the element's `broker` attribute (`http://localhost:<port>`). */
  readonly url: string;
  readonly clients: readonly TestClient[];
  readonly identities: readonly TestIdentity[];
  /** A fresh activation letter's code for `userId` (as Borgerservice sends it): for an app or a chip key. */
  letter(userId: string): Promise<string>;
  /** A new simulated MitID app of `userId`, activated with a fresh letter, talking to the broker over HTTP. */
  appDevice(userId: string, name?: string): Promise<AppDevice>;
  /** `userId`'s code display (or audio code reader): the codes its TOTP secret makes now. */
  codeDevice(userId: string, kind?: CodeDeviceKind): CodeDevice;
  /** The app API port (HTTP to {@link url}), for an AppDevice a test builds itself. */
  readonly port: HttpPort;
  stop(): Promise<void>;
}

/** The client id the fixture's default client has. */
export const TEST_CLIENT_ID = 'netbank';

export async function startBroker(options: BrokerFixtureOptions = {}): Promise<BrokerFixture> {
  const clients = options.clients ?? [{ id: TEST_CLIENT_ID, name: 'Test Netbank', origins: options.origins ?? [] }];
  if (clients.every((client) => client.origins.length === 0))
    throw new Error('startBroker: give the origins of the pages that start sessions (origins or clients)');
  const identities = options.identities ?? testIdentities();
  const app = await buildApp({
    logger: false,
    // Passwords are hashed at start; a low scrypt cost keeps a fixture's start fast (never in production).
    passwordCost: 1024,
    clients,
    identities,
    ...(options.settings ? { settings: options.settings } : {}),
  });
  await app.listen({ port: options.port ?? 0, host: options.host ?? 'localhost' });
  const address = app.server.address();
  if (!address || typeof address !== 'object') throw new Error('startBroker: the broker has no port');
  const url = `http://localhost:${address.port}`;
  const port = fetchPort(url);

  const identity = (userId: string): TestIdentity => {
    const found = identities.find((candidate) => candidate.userId === userId);
    if (!found) throw new Error(`startBroker: no identity ${userId}`);
    return found;
  };
  const letter = (userId: string) => app.broker.proofs.issueLetter(identity(userId).userId);

  return {
    url,
    clients,
    identities,
    port,
    letter,
    async appDevice(userId, name = 'Test phone') {
      return AppDevice.activate(port, { userId, activationCode: await letter(userId), name });
    },
    codeDevice(userId, kind) {
      const { totp = {} } = identity(userId);
      const chosen = kind ?? (Object.keys(totp)[0] as CodeDeviceKind | undefined);
      const secret = chosen ? totp[chosen] : undefined;
      if (!chosen || !secret) throw new Error(`startBroker: ${userId} has no ${kind ?? 'code device'}`);
      return new CodeDevice(chosen, secret);
    },
    stop: () => app.close(),
  };
}
