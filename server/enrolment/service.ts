/**
 * Enrolments: a bank's customer getting MitID, steps 1 to 5 of the brochure (protocol/enrol-api.ts). The bank's
 * back end creates one for a customer it has identified; the page then accepts the terms, chooses the method, gives
 * contact details and chooses a user ID, in any order after the terms, going back and changing any of them until
 * activation (./activation.ts) begins. The record is ./records.ts's; reserved user IDs are ./reservations.ts's.
 * Whether a user ID is free is answered only inside an enrolment, a limited number of times, and with the same work
 * whatever the answer.
 */
import {
  ENROL_LIMITS,
  type CreateEnrolmentResponse,
  type EnrolContact,
  type EnrolMethod,
  type EnrolmentView,
} from '../../protocol/enrol-api.js';
import { contactProblem, holdsCpr } from '../../protocol/rules.js';
import type { Clock } from '../clock.js';
import type { ClientConfig } from '../config/clients.js';
import { normalizeUserId } from '../config/identities.js';
import { newToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import { requireChoosableUserId, userIdTaken } from '../identity/chosen.js';
import { requireOpen, toView, type EnrolmentRecord, type EnrolmentRecords } from './records.js';
import type { UserIdReservations } from './reservations.js';

/** What the bank's back end says about its customer. */
export interface NewEnrolment {
  customerRef: string;
  name: string;
  email?: string;
}

const CUSTOMER_REF = /^[A-Za-z0-9._:-]+$/;

const CONTACT_MESSAGES = {
  none: 'Give an e-mail address, a mobile number, or both.',
  email: 'The e-mail address is not one: name@domain.',
  phone: 'The mobile number is not one: 8 digits, or + and the country code.',
} as const;

export class EnrolmentService {
  constructor(
    private readonly clock: Clock,
    private readonly records: EnrolmentRecords,
    private readonly reservations: UserIdReservations,
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
    await this.records.put(token, record);
    return { enrolment_token: token, expires_at: new Date(record.expiresAt).toISOString() };
  }

  async acceptTerms(token: string, origin: string | undefined): Promise<EnrolmentView> {
    const now = this.clock.now();
    return this.change(token, origin, (record) => {
      record.termsAcceptedAt ??= now;
    });
  }

  async chooseMethod(token: string, origin: string | undefined, method: EnrolMethod): Promise<EnrolmentView> {
    return this.change(token, origin, (record) => {
      requireOpen(record);
      if (record.method !== method) delete record.device;
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
      requireOpen(record);
      record.contact = cleaned;
    });
  }

  /** Whether `userId` may be chosen and is free: resolves when it is, else `user_id_refused` or `user_id_taken`. */
  async checkUserId(token: string, origin: string | undefined, userId: string): Promise<void> {
    const { key, record } = await this.records.open(token, origin);
    requireOpen(record);
    refuseByRule(userId, record);
    await this.countTry(key);
    if (await this.reservations.heldByOther(normalizeUserId(userId), key)) throw userIdTaken();
  }

  /**
   * Reserves `userId` for this enrolment (until it ends), giving up the one reserved before. Another enrolment's
   * reservation, or an identity's user ID, answers `user_id_taken`.
   */
  async reserveUserId(token: string, origin: string | undefined, userId: string): Promise<EnrolmentView> {
    const { key, record } = await this.records.open(token, origin);
    requireOpen(record);
    refuseByRule(userId, record);
    await this.countTry(key);
    const normalized = normalizeUserId(userId);
    if (!(await this.reservations.claim(normalized, key, record.expiresAt))) throw userIdTaken();
    let before: string | undefined;
    const stored = await this.records.change(key, (current) => {
      requireOpen(current);
      before = current.userId;
      current.userId = userId.trim();
    });
    if (before !== undefined && normalizeUserId(before) !== normalized) await this.reservations.release(before, key);
    return toView(stored);
  }

  /**
   * Ends the enrolment and frees its user ID (unless an identity has it by now); the token answers
   * `enrolment_expired` from then on.
   */
  async cancel(token: string, origin: string | undefined): Promise<void> {
    const { key } = await this.records.open(token, origin);
    let userId: string | undefined;
    await this.records.change(key, (record) => {
      userId = record.userId;
      record.cancelled = true;
    });
    if (userId !== undefined) await this.reservations.release(userId, key);
  }

  private async change(
    token: string,
    origin: string | undefined,
    mutate: (record: EnrolmentRecord) => void,
  ): Promise<EnrolmentView> {
    const { key } = await this.records.open(token, origin);
    return toView(await this.records.change(key, mutate));
  }

  /** One more user ID looked up; over the enrolment's allowance, `rate_limited` (and nothing is looked up). */
  private async countTry(key: string): Promise<void> {
    await this.records.change(key, (current) => {
      if (current.userIdTries >= ENROL_LIMITS.userIdTriesPerEnrolment) {
        throw new BrokerError('rate_limited', 'This enrolment has looked up as many user IDs as it may; start again.');
      }
      current.userIdTries += 1;
    });
  }
}

function refuseByRule(userId: string, record: EnrolmentRecord): void {
  const emails = [record.bankEmail, record.contact?.email].filter((email): email is string => email !== undefined);
  requireChoosableUserId(userId, { name: record.name, emails });
}
