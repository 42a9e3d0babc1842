/**
 * Passwords are kept only as scrypt hashes. Checking a password for a user ID that does not exist runs the same
 * scrypt against a dummy hash, so the answer takes as long as for a real user (no enumeration by timing). Every
 * check of a request runs within the hash budget (./hash-budget.ts); hashing the seeded identities at start does not.
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { HashBudget, type HashBudgetLimits, type Priority } from './hash-budget.js';

export interface PasswordHash {
  salt: Buffer;
  hash: Buffer;
  cost: number;
}

/** scrypt N. 2^14 with r = 8 takes some tens of milliseconds; tests may lower it. */
export const DEFAULT_PASSWORD_COST = 2 ** 14;
const KEY_LENGTH = 32;

function derive(password: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N: cost, r: 8, p: 1 }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

export async function hashPassword(password: string, cost = DEFAULT_PASSWORD_COST): Promise<PasswordHash> {
  const salt = randomBytes(16);
  return { salt, hash: await derive(password, salt, cost), cost };
}

/** Two checks at once and eight waiting: a queued check waits for at most four others (a few hundred ms). */
export const DEFAULT_HASH_BUDGET: HashBudgetLimits = { concurrent: 2, queued: 8 };

export class PasswordChecker {
  private dummy: Promise<PasswordHash>;
  readonly budget: HashBudget;

  constructor(
    private readonly cost = DEFAULT_PASSWORD_COST,
    budget: HashBudgetLimits = DEFAULT_HASH_BUDGET,
  ) {
    this.dummy = hashPassword(randomBytes(16).toString('base64url'), cost);
    this.budget = new HashBudget(budget);
  }

  hash(password: string): Promise<PasswordHash> {
    return hashPassword(password, this.cost);
  }

  /**
   * True when `password` matches `stored`; with no `stored` (unknown user), spends the same time and says no.
   * Throws `broker_busy`, having checked nothing, when the hash budget is used up; `priority` (higher first:
   * ../sessions/check-priority.ts) decides who waits first for it.
   */
  async verify(stored: PasswordHash | undefined, password: string, priority: Priority = 0): Promise<boolean> {
    const target = stored ?? (await this.dummy);
    const candidate = await this.budget.run(() => derive(password, target.salt, target.cost), priority);
    const same = timingSafeEqual(candidate, target.hash);
    return stored !== undefined && same;
  }
}
