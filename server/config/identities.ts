/**
 * The identities: the seeded test identities (`demo/identities.json`), and those enrolled since (../enrolment/),
 * kept in the shared state under `identity:<user ID>` so that every instance knows them. Passwords are hashed
 * (on load for seeds) and the clear text dropped; TOTP secrets stay, since the broker must compute codes.
 */
import { readFileSync } from 'node:fs';
import { METHODS, type Method } from '../../protocol/page-api.js';
import { userIdProblem } from '../../protocol/rules.js';
import type { PasswordChecker, PasswordHash } from '../authenticators/passwords.js';
import { updateRecord, type SharedState } from '../stores/shared-state.js';

export type CodeMethod = 'code-display' | 'code-reader';

/** One entry of the identities file. */
export interface IdentitySeed {
  userId: string;
  name: string;
  methods: Method[];
  password: string;
  /** Base32 TOTP secrets of the identity's code display and/or audio code reader. */
  totp?: Partial<Record<CodeMethod, string>>;
  /** A locked MitID: every method ends in `locked` once the first factor is right. */
  locked?: boolean;
  /** Where notices go (MitID's promise: you are told when an app is activated on a new device). */
  contact?: { email?: string; phone?: string };
  /**
   * The code of the activation letter this identity was sent (`XXXX-XXXX-XXXX`): the one way, besides a recent
   * login, to add an app or a chip key. Used once.
   */
  activationCode?: string;
  description?: string;
}

export interface Identity {
  userId: string;
  name: string;
  methods: ReadonlySet<Method>;
  /** Absent for an identity that has only the app (enrolled so): every password is then wrong. */
  passwordHash?: PasswordHash;
  totp: Partial<Record<CodeMethod, string>>;
  locked: boolean;
  contact: { email?: string; phone?: string };
}

/** An identity made by an enrolment: who enrolled it, besides what every identity has. */
export interface EnrolledIdentity extends Identity {
  enrolledAt: number;
  clientId: string;
  customerRef: string;
  /**
   * Made for the app before the app is activated (its QR code is being shown): until this time (the enrolment's
   * end) it waits for its app. An identity still waiting after that never had an authenticator and never logged in,
   * so its user ID is free again (see {@link IdentityDirectory.holds}); the first app it gets clears the mark.
   */
  awaitingAppUntil?: number;
}

/** How an enrolled identity is kept in the shared state: JSON, with the password hash's bytes in base64url. */
interface StoredIdentity {
  userId: string;
  name: string;
  methods: Method[];
  passwordHash?: { salt: string; hash: string; cost: number };
  totp: Partial<Record<CodeMethod, string>>;
  locked: boolean;
  contact: { email?: string; phone?: string };
  enrolledAt: number;
  clientId: string;
  customerRef: string;
  awaitingAppUntil?: number;
}

function store(identity: EnrolledIdentity): StoredIdentity {
  const { passwordHash, methods, ...rest } = identity;
  return {
    ...rest,
    methods: [...methods],
    ...(passwordHash
      ? {
          passwordHash: {
            salt: passwordHash.salt.toString('base64url'),
            hash: passwordHash.hash.toString('base64url'),
            cost: passwordHash.cost,
          },
        }
      : {}),
  };
}

function restore(stored: StoredIdentity): EnrolledIdentity {
  const { passwordHash, methods, ...rest } = stored;
  return {
    ...rest,
    methods: new Set(methods),
    ...(passwordHash
      ? {
          passwordHash: {
            salt: Buffer.from(passwordHash.salt, 'base64url'),
            hash: Buffer.from(passwordHash.hash, 'base64url'),
            cost: passwordHash.cost,
          },
        }
      : {}),
  };
}

function abandoned(stored: StoredIdentity, now: number): boolean {
  return stored.awaitingAppUntil !== undefined && stored.awaitingAppUntil <= now;
}

function identityKey(normalizedUserId: string): string {
  return `identity:${normalizedUserId}`;
}

/** User IDs are compared without case and surrounding space, as users type them. */
export function normalizeUserId(userId: string): string {
  return userId.trim().normalize('NFC').toLowerCase();
}

export function loadIdentitiesFile(path: string): IdentitySeed[] {
  const parsed: unknown = JSON.parse(readFileSync(path, 'utf8'));
  if (!Array.isArray(parsed)) throw new Error(`${path}: expected an array of identities`);
  return parsed as IdentitySeed[];
}

function checkSeed(seed: IdentitySeed, index: number): void {
  const where = `identity ${index}`;
  if (typeof seed.userId !== 'string' || userIdProblem(seed.userId) !== null) {
    throw new Error(`${where}: "userId" is not a valid user ID (never a CPR number)`);
  }
  if (typeof seed.name !== 'string' || seed.name.length === 0) throw new Error(`${where}: "name" is required`);
  if (!Array.isArray(seed.methods) || seed.methods.some((method) => !METHODS.includes(method))) {
    throw new Error(`${where}: "methods" must list methods from ${METHODS.join(', ')}`);
  }
  if (typeof seed.password !== 'string' || seed.password.length < 8) {
    throw new Error(`${where}: "password" needs at least 8 characters`);
  }
  if (
    seed.activationCode !== undefined &&
    !/^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){2}$/.test(seed.activationCode)
  ) {
    throw new Error(`${where}: "activationCode" must be three groups of four characters (0-9, A-Z without I, L, O, U)`);
  }
  for (const method of ['code-display', 'code-reader'] as const) {
    if (seed.methods.includes(method) && !/^[A-Z2-7]{16,}=*$/.test(seed.totp?.[method] ?? '')) {
      throw new Error(`${where}: "totp.${method}" must be a base32 secret`);
    }
  }
}

export class IdentityDirectory {
  private constructor(
    private readonly seeded: Map<string, Identity>,
    private readonly state: SharedState,
  ) {}

  static async load(seeds: IdentitySeed[], passwords: PasswordChecker, state: SharedState): Promise<IdentityDirectory> {
    seeds.forEach(checkSeed);
    const identities = await Promise.all(
      seeds.map(async (seed): Promise<Identity> => ({
        userId: normalizeUserId(seed.userId),
        name: seed.name,
        methods: new Set(seed.methods),
        passwordHash: await passwords.hash(seed.password),
        totp: { ...seed.totp },
        locked: seed.locked === true,
        contact: { ...seed.contact },
      })),
    );
    return new IdentityDirectory(new Map(identities.map((identity) => [identity.userId, identity])), state);
  }

  /** The seeded identities (for seeding letters at start). */
  seeds(): Identity[] {
    return [...this.seeded.values()];
  }

  /**
   * The identity for a normalized user ID: a seeded one, else an enrolled one. The shared state is read either way,
   * so that a seeded, an enrolled and an unknown user ID take the same time. Callers must answer the same whether or
   * not one is found.
   */
  async find(normalizedUserId: string): Promise<Identity | undefined> {
    const raw = await this.state.get(identityKey(normalizedUserId));
    const seeded = this.seeded.get(normalizedUserId);
    if (seeded) return seeded;
    return raw === undefined ? undefined : restore(JSON.parse(raw) as StoredIdentity);
  }

  /**
   * Whether the user ID is an identity's for good at `now`: a seeded or enrolled one, but not one made for an app
   * that never came (its enrolment over: {@link EnrolledIdentity.awaitingAppUntil}).
   */
  async holds(normalizedUserId: string, now: number): Promise<boolean> {
    const raw = await this.state.get(identityKey(normalizedUserId));
    if (this.seeded.has(normalizedUserId)) return true;
    return raw !== undefined && !abandoned(JSON.parse(raw) as StoredIdentity, now);
  }

  /**
   * Keeps a newly enrolled identity; false (and nothing kept) when its user ID is taken meanwhile. One made for an
   * app that never came is replaced (compare-and-set: of two enrolments at once, one gets it).
   */
  async enrol(identity: EnrolledIdentity, now: number): Promise<boolean> {
    if (this.seeded.has(identity.userId)) return false;
    const key = identityKey(identity.userId);
    const next = JSON.stringify(store(identity));
    if (await this.state.add(key, next)) return true;
    const raw = await this.state.get(key);
    if (raw === undefined || !abandoned(JSON.parse(raw) as StoredIdentity, now)) return false;
    return this.state.swap(key, raw, next);
  }

  /** The identity has an authenticator now: it no longer waits for its app. */
  async settle(normalizedUserId: string): Promise<void> {
    await updateRecord<StoredIdentity>(this.state, identityKey(normalizedUserId), (current) => {
      if (current?.awaitingAppUntil === undefined) return undefined;
      const { awaitingAppUntil: _done, ...rest } = current;
      return rest;
    });
  }
}
