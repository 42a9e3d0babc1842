/**
 * Passwords are kept only as scrypt hashes. Checking a password for a user ID that does not exist runs the same
 * scrypt against a dummy hash, so the answer takes as long as for a real user (no enumeration by timing).
 */
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

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

export class PasswordChecker {
  private dummy: Promise<PasswordHash>;

  constructor(private readonly cost = DEFAULT_PASSWORD_COST) {
    this.dummy = hashPassword(randomBytes(16).toString('base64url'), cost);
  }

  hash(password: string): Promise<PasswordHash> {
    return hashPassword(password, this.cost);
  }

  /** True when `password` matches `stored`; with no `stored` (unknown user), spends the same time and says no. */
  async verify(stored: PasswordHash | undefined, password: string): Promise<boolean> {
    const target = stored ?? (await this.dummy);
    const candidate = await derive(password, target.salt, target.cost);
    const same = timingSafeEqual(candidate, target.hash);
    return stored !== undefined && same;
  }
}
