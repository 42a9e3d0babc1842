/**
 * The login hint: an opaque value every login assertion carries (`login_hint`) so that the relying party can start a
 * later approval for the same identity without asking for the user ID again. It is sealed (AES-256-GCM, a key
 * derived by HKDF from the subject secret with its own label), so the page that holds it cannot read the user ID in
 * it nor make one; it is bound to the client it was issued for and short-lived (`loginHintTtlSeconds`).
 * docs/security.md says what a stolen hint can and cannot do.
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { BrokerError } from '../http/errors.js';

// Part of the sealed format: a new layout gets a new version (and the old one is refused as invalid).
const VERSION = 'h1';
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** Sealed hints are a few hundred characters; anything much longer is not one. */
export const LOGIN_HINT_MAX_LENGTH = 512;

interface SealedContent {
  /** The client it was issued for. */
  c: string;
  /** The identity's normalized user ID (only ever inside the ciphertext). */
  u: string;
  /** Expiry, ms since the epoch. */
  e: number;
}

export interface LoginHintOptions {
  /** The broker's subject secret (the key behind pairwise `sub`s); the hint key is derived from it. */
  subjectSecret: Buffer;
  ttlSeconds: number;
}

export class LoginHints {
  private readonly key: Buffer;

  constructor(private readonly options: LoginHintOptions) {
    this.key = Buffer.from(hkdfSync('sha256', options.subjectSecret, Buffer.alloc(0), 'mitid-login login_hint v1', 32));
  }

  /** A new hint for the identity `userId` at `clientId`, valid for the configured time from `now`. */
  seal(clientId: string, userId: string, now: number): string {
    const content: SealedContent = { c: clientId, u: userId, e: now + this.options.ttlSeconds * 1000 };
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(VERSION));
    const sealed = Buffer.concat([cipher.update(JSON.stringify(content), 'utf8'), cipher.final()]);
    return `${VERSION}.${Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url')}`;
  }

  /**
   * The user ID a hint was sealed for, when it was sealed by this broker for `clientId` and has not expired; throws
   * `invalid_login_hint`, `login_hint_client` or `login_hint_expired` otherwise.
   */
  open(hint: string, clientId: string, now: number): string {
    const content = this.decrypt(hint);
    if (content.c !== clientId) {
      throw new BrokerError('login_hint_client', 'The login hint was issued for another client.');
    }
    if (content.e <= now) throw new BrokerError('login_hint_expired', 'The login hint has expired; log in again.');
    return content.u;
  }

  private decrypt(hint: string): SealedContent {
    const invalid = () => new BrokerError('invalid_login_hint', 'The login hint is not one this broker issued.');
    const [version, body, extra] = hint.split('.');
    if (version !== VERSION || body === undefined || extra !== undefined || !/^[A-Za-z0-9_-]+$/.test(body)) {
      throw invalid();
    }
    const bytes = Buffer.from(body, 'base64url');
    if (bytes.length <= IV_BYTES + TAG_BYTES) throw invalid();
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, bytes.subarray(0, IV_BYTES));
      decipher.setAAD(Buffer.from(VERSION));
      decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
      const plain = Buffer.concat([
        decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)),
        decipher.final(),
      ]);
      const content = JSON.parse(plain.toString('utf8')) as Partial<SealedContent>;
      if (typeof content.c !== 'string' || typeof content.u !== 'string' || typeof content.e !== 'number') {
        throw invalid();
      }
      return content as SealedContent;
    } catch {
      // A wrong tag (tampered, or sealed under another secret) and unreadable content are one answer.
      throw invalid();
    }
  }
}
