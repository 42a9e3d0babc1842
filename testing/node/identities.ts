/**
 * The documented test identity set of the broker fixture (docs/testing.md): one identity per method, one with
 * several, one locked. Passwords are fixed (a test types them); the code devices' TOTP secrets are random per
 * fixture, so no secret is shared between test runs or with the demo (read the codes from the fixture).
 */
import { randomBytes } from 'node:crypto';
import { Secret } from 'otpauth';
import type { Method } from '../../protocol/page-api.js';

/**
 * One identity the fixture's broker knows (the shape of the broker's identities file, docs/broker.md; declared
 * here so that the entry's types need none of the broker's).
 */
export interface TestIdentity {
  userId: string;
  name: string;
  methods: Method[];
  password: string;
  /** Base32 TOTP secrets of the identity's code display and/or audio code reader. */
  totp?: Partial<Record<'code-display' | 'code-reader', string>>;
  /** A locked MitID: every method ends in `locked` once the first factor is right. */
  locked?: boolean;
  contact?: { email?: string; phone?: string };
  /** The code of an activation letter already sent (`XXXX-XXXX-XXXX`); the fixture's `letter()` sends new ones. */
  activationCode?: string;
}

/** User IDs of {@link testIdentities}, by what each one shows. */
export const TEST_USERS = {
  /** The MitID app only (activate a simulated app first: `broker.appDevice(userId)`). */
  app: 'test.app',
  /** The code display only. */
  codeDisplay: 'test.kodeviser',
  /** The audio code reader only. */
  codeReader: 'test.kodeoplaeser',
  /** The chip only (enrol a virtual authenticator with a letter). */
  chip: 'test.chip',
  /** App, code display and chip: the method list shows. */
  several: 'test.flere',
  /** A locked MitID: every method ends in `locked` once the first factor is right. */
  locked: 'test.spaerret',
} as const;

/** Every test identity's password: `<user ID>-pw` (e.g. `test.app-pw`). */
export function testPassword(userId: string): string {
  return `${userId}-pw`;
}

function secret(): string {
  return new Secret({ buffer: randomBytes(20).buffer }).base32;
}

/** A fresh copy of the test identity set, with new random TOTP secrets. */
export function testIdentities(): TestIdentity[] {
  const seed = (
    userId: string,
    name: string,
    methods: TestIdentity['methods'],
    extra: Partial<TestIdentity> = {},
  ): TestIdentity => ({ userId, name, methods, password: testPassword(userId), ...extra });
  return [
    seed(TEST_USERS.app, 'Test App', ['app'], { contact: { email: 'test.app@example.dk' } }),
    seed(TEST_USERS.codeDisplay, 'Test Kodeviser', ['code-display'], { totp: { 'code-display': secret() } }),
    seed(TEST_USERS.codeReader, 'Test Kodeoplæser', ['code-reader'], { totp: { 'code-reader': secret() } }),
    seed(TEST_USERS.chip, 'Test Chip', ['chip']),
    seed(TEST_USERS.several, 'Test Flere', ['app', 'code-display', 'chip'], { totp: { 'code-display': secret() } }),
    seed(TEST_USERS.locked, 'Test Spærret', ['app', 'code-display', 'chip'], {
      totp: { 'code-display': secret() },
      locked: true,
    }),
  ];
}
