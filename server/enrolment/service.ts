/**
 * Enrolments: a bank's customer getting MitID, steps 2 to 5 of the brochure (protocol/enrol-api.ts). The bank's
 * back end creates one for a customer it has identified; the page then accepts the terms, chooses the method, gives
 * contact details and chooses a user ID, in any order after the terms, going back and changing any of them.
 *
 * Kept in the shared state under the hash of its token (`enrol:<sha256>`), one JSON record changed by
 * compare-and-set, so every instance sees the same. A chosen user ID is reserved under `uid:<user ID>` for as long
 * as the enrolment lives; the seeded identities' user IDs are taken for good. Whether a user ID is free is answered
 * only inside an enrolment, a limited number of times, and with the same work whatever the answer.
 */
import {
  ENROL_LIMITS,
  type CreateEnrolmentResponse,
  type EnrolContact,
  type EnrolMethod,
  type EnrolmentView,
} from '../../protocol/enrol-api.js';
import { chosenUserIdProblem, holdsCpr } from '../../protocol/rules.js';
import type { Clock } from '../clock.js';
import type { ClientConfig, ClientRegistry } from '../config/clients.js';
import { normalizeUserId, type IdentityDirectory } from '../config/identities.js';
import { hashToken, newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import { updateRecord, type SharedState } from '../stores/shared-state.js';
import { contactProblem } from './contact.js';

/** What the bank's back end says about its customer. */
export interface NewEnrolment {
  customerRef: string;
  name: string;
  email?: string;
}

interface EnrolmentRecord {
  clientId: string;
  customerRef: string;
  name: string;
  bankEmail?: string;
  createdAt: number;
  expiresAt: number;
  termsAcceptedAt?: number;
  method?: EnrolMethod;
  contact?: EnrolContact;
  /** The reserved user ID as the user typed it (trimmed); reserved under its normalized form. */
  userId?: string;
  /** User IDs looked up (checked or reserved) so far. */
  userIdTries: number;
  cancelled?: true;
}

/** An enrolment opened by its token: the record and its key in the shared state. */
interface Opened {
  key: string;
  record: EnrolmentRecord;
}

/** After its end an enrolment is kept this long, to answer `enrolment_expired` rather than `invalid_token`. */
const KEPT_AFTER_END_MS = 60 * 60 * 1000;
const CUSTOMER_REF = /^[A-Za-z0-9._:-]+$/;

export class EnrolmentService {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly directory: IdentityDirectory,
    private readonly clients: ClientRegistry,
  ) {}

  /** Step 1, by the bank's authenticated back end. */
  async create(client: ClientConfig, customer: NewEnrolment): Promise<CreateEnrolmentResponse> {
    const customerRef = customer.customerRef.trim();
    if (!CUSTOMER_REF.test(customerRef)) {
      throw new BrokerError('invalid_request', 'customer_ref holds letters, digits and . _ : - only.');
    }
    if (holdsCpr(customerRef)) {
      throw new BrokerError('invalid_request', 'customer_ref looks like a CPR number: send your own customer number.');
    }
    const name = customer.name.trim();
    if (name.length === 0) throw new BrokerError('invalid_request', 'name is empty.');
    if (customer.email !== undefined && contactProblem({ email: customer.email }) !== null) {
      throw new BrokerError('invalid_request', 'email is not an e-mail address.');
    }
    const now = this.clock.now();
    const token = newToken();
    const record: EnrolmentRecord = {
      clientId: client.id,
      customerRef,
      name,
      ...(customer.email !== undefined ? { bankEmail: customer.email.trim() } : {}),
      createdAt: now,
      expiresAt: now + ENROL_LIMITS.enrolmentTtlSeconds * 1000,
      userIdTries: 0,
    };
    await this.state.set(
      enrolmentKey(token),
      JSON.stringify(record),
      ENROL_LIMITS.enrolmentTtlSeconds * 1000 + KEPT_AFTER_END_MS,
    );
    return { enrolment_token: token, expires_at: new Date(record.expiresAt).toISOString() };
  }

  /** The enrolment as the page shows it again. */
  async view(token: string, origin: string | undefined): Promise<EnrolmentView> {
    return toView((await this.open(token, origin)).record);
  }

  async acceptTerms(token: string, origin: string | undefined): Promise<EnrolmentView> {
    const now = this.clock.now();
    return this.change(token, origin, (record) => {
      record.termsAcceptedAt ??= now;
    });
  }

  async chooseMethod(token: string, origin: string | undefined, method: EnrolMethod): Promise<EnrolmentView> {
    return this.change(token, origin, (record) => {
      requireTerms(record);
      record.method = method;
    });
  }

  async setContact(token: string, origin: string | undefined, contact: EnrolContact): Promise<EnrolmentView> {
    const problem = contactProblem(contact);
    if (problem) {
      throw new BrokerError('invalid_contact', CONTACT_MESSAGES[problem], { reason: problem });
    }
    const cleaned: EnrolContact = {};
    if (contact.email) cleaned.email = contact.email.trim();
    if (contact.phone) cleaned.phone = contact.phone.replace(/[\s-]/g, '');
    return this.change(token, origin, (record) => {
      requireTerms(record);
      record.contact = cleaned;
    });
  }

  /** Whether `userId` may be chosen and is free: resolves when it is, else `user_id_refused` or `user_id_taken`. */
  async checkUserId(token: string, origin: string | undefined, userId: string): Promise<void> {
    const { key, record } = await this.open(token, origin);
    requireTerms(record);
    refuseByRule(userId, record);
    await this.countTry(key);
    if (await this.heldByOther(normalizeUserId(userId), key)) throw taken();
  }

  /**
   * Reserves `userId` for this enrolment (until it ends), giving up the one reserved before. Another enrolment's
   * reservation, or an identity's user ID, answers `user_id_taken`.
   */
  async reserveUserId(token: string, origin: string | undefined, userId: string): Promise<EnrolmentView> {
    const { key, record } = await this.open(token, origin);
    requireTerms(record);
    refuseByRule(userId, record);
    await this.countTry(key);
    const normalized = normalizeUserId(userId);
    if (!(await this.claim(normalized, key, record.expiresAt))) throw taken();
    let before: string | undefined;
    const view = await this.change(token, origin, (current) => {
      before = current.userId;
      current.userId = userId.trim();
    });
    if (before !== undefined && normalizeUserId(before) !== normalized) await this.release(before, key);
    return view;
  }

  /** Ends the enrolment and frees its user ID; the token answers `enrolment_expired` from then on. */
  async cancel(token: string, origin: string | undefined): Promise<void> {
    let userId: string | undefined;
    const { key } = await this.open(token, origin);
    await this.change(token, origin, (record) => {
      userId = record.userId;
      record.cancelled = true;
    });
    if (userId !== undefined) await this.release(userId, key);
  }

  /** Opens a live enrolment from a page of its client's origins; an unknown token is `invalid_token`. */
  private async open(token: string, origin: string | undefined): Promise<Opened> {
    const key = enrolmentKey(token);
    const raw = await this.state.get(key);
    const record = raw === undefined ? undefined : (JSON.parse(raw) as EnrolmentRecord);
    const client = record ? this.clients.get(record.clientId) : undefined;
    if (!record || !client) throw new BrokerError('invalid_token', 'No enrolment has this token.');
    if (!this.clients.isAllowed(client, origin)) {
      throw new BrokerError('origin_not_allowed', "Call from a page of the client's registered origins.");
    }
    if (record.cancelled || record.expiresAt <= this.clock.now()) throw expired();
    return { key, record };
  }

  private async change(
    token: string,
    origin: string | undefined,
    mutate: (record: EnrolmentRecord) => void,
  ): Promise<EnrolmentView> {
    const { key } = await this.open(token, origin);
    const now = this.clock.now();
    let failure: unknown;
    const stored = await updateRecord<EnrolmentRecord>(
      this.state,
      key,
      (current) => {
        if (!current || current.cancelled || current.expiresAt <= now) {
          failure = expired();
          return undefined;
        }
        try {
          mutate(current);
        } catch (error) {
          failure = error;
          return undefined;
        }
        return current;
      },
      (next) => next.expiresAt - now + KEPT_AFTER_END_MS,
    );
    if (failure !== undefined) throw failure;
    return toView(stored as EnrolmentRecord);
  }

  /** One more user ID looked up; over the enrolment's allowance, `rate_limited` (and nothing is looked up). */
  private async countTry(key: string): Promise<void> {
    const now = this.clock.now();
    let over = false;
    await updateRecord<EnrolmentRecord>(
      this.state,
      key,
      (current) => {
        if (!current) return undefined;
        over = current.userIdTries >= ENROL_LIMITS.userIdTriesPerEnrolment;
        if (over) return undefined;
        current.userIdTries += 1;
        return current;
      },
      (next) => next.expiresAt - now + KEPT_AFTER_END_MS,
    );
    if (over) {
      throw new BrokerError('rate_limited', 'This enrolment has looked up as many user IDs as it may; start again.');
    }
  }

  /** True when `normalized` is an identity's, or reserved by another enrolment. The same lookups every time. */
  private async heldByOther(normalized: string, key: string): Promise<boolean> {
    const known = (await this.directory.find(normalized)) !== undefined;
    const holder = readReservation(await this.state.get(reservationKey(normalized)));
    return known || (holder !== undefined && holder.by !== key && holder.until > this.clock.now());
  }

  /**
   * Reserves `normalized` for the enrolment at `key` until `until`: true when it is now this enrolment's. A
   * reservation past its `until` (by the broker's clock) is taken over; the store's expiry only cleans up.
   */
  private async claim(normalized: string, key: string, until: number): Promise<boolean> {
    if ((await this.directory.find(normalized)) !== undefined) return false;
    const slot = reservationKey(normalized);
    const mine = JSON.stringify({ by: key, until } satisfies Reservation);
    const ttl = until - this.clock.now();
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const raw = await this.state.get(slot);
      const holder = readReservation(raw);
      if (holder && holder.by !== key && holder.until > this.clock.now()) return false;
      if (holder?.by === key) return true;
      if (raw === undefined ? await this.state.add(slot, mine, ttl) : await this.state.swap(slot, raw, mine, ttl)) {
        return true;
      }
    }
    return false;
  }

  /** Frees `userId` if this enrolment holds it. */
  private async release(userId: string, key: string): Promise<void> {
    const slot = reservationKey(normalizeUserId(userId));
    const raw = await this.state.get(slot);
    // Compare-and-set to an already ended reservation: another enrolment's claim in between is never undone.
    if (raw !== undefined && readReservation(raw)?.by === key) {
      await this.state.swap(slot, raw, JSON.stringify({ by: key, until: 0 } satisfies Reservation), 1);
    }
  }
}

const CONTACT_MESSAGES = {
  none: 'Give an e-mail address, a mobile number, or both.',
  email: 'The e-mail address is not one: name@domain.',
  phone: 'The mobile number is not one: 8 digits, or + and the country code.',
} as const;

/** A user ID held by an enrolment: the enrolment's key, and until when (its expiry, by the broker's clock). */
interface Reservation {
  by: string;
  until: number;
}

function readReservation(raw: string | undefined): Reservation | undefined {
  return raw === undefined ? undefined : (JSON.parse(raw) as Reservation);
}

function enrolmentKey(token: string): string {
  return `enrol:${hashToken(token)}`;
}

function reservationKey(normalizedUserId: string): string {
  return `uid:${normalizedUserId}`;
}

function requireTerms(record: EnrolmentRecord): void {
  if (record.termsAcceptedAt === undefined) {
    throw new BrokerError('wrong_step', 'Accept the terms (step 2) before the other steps.');
  }
}

function refuseByRule(userId: string, record: EnrolmentRecord): void {
  const emails = [record.bankEmail, record.contact?.email].filter((email): email is string => email !== undefined);
  const problem = chosenUserIdProblem(userId, { name: record.name, emails });
  if (problem) {
    throw new BrokerError('user_id_refused', `This user ID may not be chosen (${problem}).`, { reason: problem });
  }
}

function taken(): BrokerError {
  return new BrokerError('user_id_taken', 'This user ID is taken; choose another.');
}

function expired(): BrokerError {
  return new BrokerError('enrolment_expired', 'This enrolment has ended; the bank starts a new one.');
}

function toView(record: EnrolmentRecord): EnrolmentView {
  const view: EnrolmentView = { expires_at: new Date(record.expiresAt).toISOString() };
  if (record.termsAcceptedAt !== undefined) view.terms_accepted_at = new Date(record.termsAcceptedAt).toISOString();
  if (record.method) view.method = record.method;
  if (record.contact) view.contact = { ...record.contact };
  if (record.userId !== undefined) view.user_id = record.userId;
  return view;
}
