/**
 * The seeded test identities (`demo/identities.json`). Passwords are hashed on load and the clear text dropped;
 * TOTP secrets stay, since the broker must compute codes.
 */
import { readFileSync } from 'node:fs';
import { METHODS, type Method } from '../../protocol/page-api.js';
import { userIdProblem } from '../../protocol/rules.js';
import type { PasswordChecker, PasswordHash } from '../authenticators/passwords.js';

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
  passwordHash: PasswordHash;
  totp: Partial<Record<CodeMethod, string>>;
  locked: boolean;
  contact: { email?: string; phone?: string };
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
  private constructor(private readonly byUserId: Map<string, Identity>) {}

  static async load(seeds: IdentitySeed[], passwords: PasswordChecker): Promise<IdentityDirectory> {
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
    return new IdentityDirectory(new Map(identities.map((identity) => [identity.userId, identity])));
  }

  /** Every identity (for seeding letters at start). */
  all(): Identity[] {
    return [...this.byUserId.values()];
  }

  /** The identity for a normalized user ID. Callers must answer the same whether or not one is found. */
  find(normalizedUserId: string): Identity | undefined {
    return this.byUserId.get(normalizedUserId);
  }
}
