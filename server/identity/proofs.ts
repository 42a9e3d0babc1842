/**
 * The two proofs that may add an authenticator to an identity, besides the seed:
 * - **the letter**: a one-time activation code sent out of band (by post, or handed over at Borgerservice), kept
 *   only as a hash; redeemed once, after which the record remembers it was used (a restart does not revive it);
 * - **a ticket from a recent login**: when a login completes, the broker remembers its assertion (by hash) for a few
 *   minutes; the relying party's page that got it may trade it, once, for a short one-time ticket that the new
 *   device presents. The ticket carries the login's level: Substantial may add an app, High also a chip.
 * Wrong, used, expired and unknown all answer the same: `invalid_activation`.
 */
import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { ACR, type Acr } from '../../protocol/page-api.js';
import type { Clock } from '../clock.js';
import { BrokerError } from '../http/errors.js';
import type { SharedState } from '../stores/shared-state.js';

// Crockford's base32 without I, L, O, U: easy to read aloud and to type.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A letter's code: 12 characters (60 bits) in groups of four. */
export const LETTER_LENGTH = 12;
/** A ticket: 8 characters (40 bits), short-lived and used once. */
const TICKET_LENGTH = 8;

export interface ProofSettings {
  /** How long after a login its assertion may be traded for a ticket. */
  loginProofMs: number;
  /** How long a ticket is valid. */
  ticketTtlMs: number;
  /** How long a letter is valid. */
  letterTtlMs: number;
}

interface LetterRecord {
  codeHash: string;
  issuedAt: number;
  expiresAt: number;
  usedAt?: number;
}

/** What a completed login leaves behind for a ticket (keyed by the assertion's hash). */
export interface LoginProof {
  userId: string;
  acr: Acr;
  origin: string;
  clientName: string;
  completedAt: number;
  /** The app that approved the login (its device id); absent for a code device, a password and a chip. */
  byApp?: string;
}

export interface Ticket {
  userId: string;
  acr: Acr;
  clientName: string;
  expiresAt: number;
}

export interface IssuedTicket {
  ticket: string;
  expiresAt: number;
  kinds: Array<'app' | 'chip'>;
}

export class ActivationProofs {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly settings: ProofSettings,
  ) {}

  /**
   * Makes a new letter for the identity (any earlier one stops working) and returns its code, once. `ttlMs`: how long
   * it works (a letter by post: `letterTtlMs`; an enrolment's activation code: what is left of the enrolment).
   */
  async issueLetter(
    userId: string,
    code = randomCode(LETTER_LENGTH),
    ttlMs = this.settings.letterTtlMs,
  ): Promise<string> {
    const now = this.clock.now();
    const record: LetterRecord = {
      codeHash: hashCode(code),
      issuedAt: now,
      expiresAt: now + ttlMs,
    };
    await this.state.set(letterKey(userId), JSON.stringify(record), ttlMs);
    return formatCode(normalizeCode(code));
  }

  /** Seeds a letter unless one was issued or used already (so a restart on Redis does not revive a used one). */
  async seedLetter(userId: string, code: string): Promise<void> {
    const now = this.clock.now();
    const record: LetterRecord = {
      codeHash: hashCode(code),
      issuedAt: now,
      expiresAt: now + this.settings.letterTtlMs,
    };
    await this.state.add(letterKey(userId), JSON.stringify(record), this.settings.letterTtlMs);
  }

  /** Whether the identity has an unused letter: for the demo's index, never for a page. */
  async letterStatus(userId: string): Promise<'unused' | 'used' | 'none'> {
    const raw = await this.state.get(letterKey(userId));
    if (!raw) return 'none';
    const record = JSON.parse(raw) as LetterRecord;
    if (record.usedAt !== undefined) return 'used';
    return record.expiresAt > this.clock.now() ? 'unused' : 'none';
  }

  /** Uses the letter's code once; `invalid_activation` when it is wrong, used or expired. */
  async redeemLetter(userId: string, code: string): Promise<void> {
    const key = letterKey(userId);
    const raw = await this.state.get(key);
    const record = raw ? (JSON.parse(raw) as LetterRecord) : undefined;
    const now = this.clock.now();
    const matches = sameHash(record?.codeHash ?? hashCode('-'), hashCode(code));
    if (!record || !matches || record.usedAt !== undefined || record.expiresAt <= now) throw invalidActivation();
    // Compare-and-set: of two devices racing with the same code, one gets it.
    const used: LetterRecord = { ...record, usedAt: now };
    if (!(await this.state.swap(key, raw, JSON.stringify(used), Math.max(1, record.expiresAt - now)))) {
      throw invalidActivation();
    }
  }

  /** Remembers a completed login, so that its assertion may be traded for a ticket for a few minutes. */
  async rememberLogin(assertion: string, proof: LoginProof): Promise<void> {
    await this.state.set(loginKey(assertion), JSON.stringify(proof), this.settings.loginProofMs);
  }

  /**
   * Trades a recent login's assertion (presented from the origin it was made for) for a one-time ticket. The
   * assertion works once; anything else is `invalid_activation`.
   */
  async issueTicket(assertion: string, origin: string | undefined): Promise<IssuedTicket> {
    const proof = await this.takeLogin(assertion, origin);
    if (!proof) throw invalidActivation();
    return this.ticketFor(proof);
  }

  /**
   * Uses up a recent login's assertion, presented from the origin it was made for: what the login proves, or
   * undefined when it is unknown, used, too old or from elsewhere.
   */
  async takeLogin(assertion: string, origin: string | undefined): Promise<LoginProof | undefined> {
    const raw = await this.state.take(loginKey(assertion));
    const proof = raw ? (JSON.parse(raw) as LoginProof) : undefined;
    if (!proof || proof.origin !== origin || this.clock.now() - proof.completedAt > this.settings.loginProofMs) {
      return undefined;
    }
    return proof;
  }

  /** A one-time ticket for a new device of the identity that `proof`'s login proved. */
  async ticketFor(proof: Pick<LoginProof, 'userId' | 'acr' | 'clientName'>): Promise<IssuedTicket> {
    const now = this.clock.now();
    const ticket = randomCode(TICKET_LENGTH);
    const record: Ticket = {
      userId: proof.userId,
      acr: proof.acr,
      clientName: proof.clientName,
      expiresAt: now + this.settings.ticketTtlMs,
    };
    await this.state.set(ticketKey(ticket), JSON.stringify(record), this.settings.ticketTtlMs);
    return { ticket: formatCode(ticket), expiresAt: record.expiresAt, kinds: kindsAt(proof.acr) };
  }

  /**
   * Uses a ticket once, for `userId` and an authenticator of `kind`; `invalid_activation` when it is wrong, used,
   * expired or another's, `activation_required` (the ticket kept) when its login's level is too low for `kind`.
   */
  async redeemTicket(userId: string, ticket: string, kind: 'app' | 'chip'): Promise<Ticket> {
    const key = ticketKey(ticket);
    const peeked = await this.state.get(key);
    const record = peeked ? (JSON.parse(peeked) as Ticket) : undefined;
    if (!record || record.userId !== userId || record.expiresAt <= this.clock.now()) throw invalidActivation();
    if (!kindsAt(record.acr).includes(kind)) throw levelTooLow();
    if ((await this.state.take(key)) !== peeked) throw invalidActivation(); // another device took it meanwhile
    return record;
  }

  /**
   * Checks the proof without using it up (a chip enrolment uses it only once the key has answered, so a cancelled
   * browser prompt does not cost the letter). Throws as {@link prove} would.
   */
  async check(userId: string, kind: 'app' | 'chip', given: ProofGiven): Promise<void> {
    const { activation_code: code, activation_ticket: ticket } = requireOne(given);
    const now = this.clock.now();
    if (code !== undefined) {
      const raw = await this.state.get(letterKey(userId));
      const record = raw ? (JSON.parse(raw) as LetterRecord) : undefined;
      const matches = sameHash(record?.codeHash ?? hashCode('-'), hashCode(code));
      if (!record || !matches || record.usedAt !== undefined || record.expiresAt <= now) throw invalidActivation();
      return;
    }
    const raw = await this.state.get(ticketKey(ticket as string));
    const record = raw ? (JSON.parse(raw) as Ticket) : undefined;
    if (!record || record.userId !== userId || record.expiresAt <= now) throw invalidActivation();
    if (!kindsAt(record.acr).includes(kind)) throw levelTooLow();
  }

  /**
   * Checks the proof for adding an authenticator of `kind` to `userId`: exactly one of the letter's code (active at
   * once) and a ticket (active after `waitMs`). Both are used up.
   */
  async prove(
    userId: string,
    kind: 'app' | 'chip',
    given: ProofGiven,
    waitMs: number,
  ): Promise<{ proof: 'letter' | 'login'; activeFrom: number }> {
    const { activation_code: code, activation_ticket: ticket } = requireOne(given);
    if (code !== undefined) {
      await this.redeemLetter(userId, code);
      return { proof: 'letter', activeFrom: this.clock.now() };
    }
    await this.redeemTicket(userId, ticket as string, kind);
    return { proof: 'login', activeFrom: this.clock.now() + waitMs };
  }
}

/** What a login at `acr` may add: an app at Substantial, a chip (High) only after High. */
export function kindsAt(acr: Acr): Array<'app' | 'chip'> {
  return acr === ACR.high ? ['app', 'chip'] : ['app'];
}

/** The proof a caller gives: the letter's code or a ticket. */
export interface ProofGiven {
  activation_code?: string | undefined;
  activation_ticket?: string | undefined;
}

function requireOne(given: ProofGiven): ProofGiven {
  if ((given.activation_code === undefined) === (given.activation_ticket === undefined)) {
    throw new BrokerError(
      'activation_required',
      'Give the activation code of the letter, or an activation ticket from a recent login (one of the two).',
    );
  }
  return given;
}

function levelTooLow(): BrokerError {
  return new BrokerError('activation_required', 'A chip needs the letter, or a ticket from a login with a chip.');
}

export function invalidActivation(): BrokerError {
  return new BrokerError('invalid_activation', 'The activation code or ticket is not valid (wrong, used or expired).');
}

export function randomCode(length: number): string {
  let code = '';
  for (let index = 0; index < length; index += 1) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** As the user may type it: any case, with spaces or dashes, and the letters O, I and L for 0, 1 and 1. */
export function normalizeCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

function formatCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

function hashCode(code: string): string {
  return createHash('sha256').update(normalizeCode(code)).digest('hex');
}

function sameHash(a: string, b: string): boolean {
  return timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
}

function letterKey(userId: string): string {
  return `letter:${userId}`;
}

function loginKey(assertion: string): string {
  return `login:${createHash('sha256').update(assertion).digest('hex')}`;
}

function ticketKey(ticket: string): string {
  return `ticket:${hashCode(ticket)}`;
}
