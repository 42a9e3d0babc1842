/**
 * The enrolment record: one JSON value per enrolment in the shared state, under the hash of its token
 * (`enrol:<sha256>`), changed by compare-and-set so that every instance sees the same and no two changes lose one
 * another. Validity (expiry, cancellation) is read by the broker's clock from the record; the store's time to live
 * only cleans up.
 */
import type { EnrolContact, EnrolMethod, EnrolmentView } from '../../protocol/enrol-api.js';
import type { Clock } from '../clock.js';
import type { ClientConfig, ClientRegistry } from '../config/clients.js';
import type { CodeMethod } from '../config/identities.js';
import { hashToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import { updateRecord, type SharedState } from '../stores/shared-state.js';

/** The code device sent to the person (step 6): its serial number and secret, which never leave the broker. */
export interface IssuedDevice {
  method: CodeMethod;
  serial: string;
  secret: string;
  issuedAt: number;
}

export interface EnrolmentRecord {
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
  /** Step 6 for a code display or an audio code reader; `ordered` counts the devices sent. */
  device?: IssuedDevice;
  ordered?: number;
  /** Wrong first codes or serial numbers at activation (step 7). */
  wrongActivations?: number;
  /** Step 7 for a chip: the registration the page was last asked to make (its challenge), good until `expiresAt`. */
  keyCeremony?: { challenge: string; origin: string; rpID: string; expiresAt: number };
  /** Step 7 for the app: the identity exists and a letter was issued for the app to scan. */
  identityCreated?: true;
  /** Set once an authenticator is active: the signed result for the bank's back end. */
  finished?: { at: number; result: string };
  cancelled?: true;
}

/** An enrolment opened by its token: the record, its key in the shared state and its client. */
export interface Opened {
  key: string;
  record: EnrolmentRecord;
  client: ClientConfig;
}

/** After its end an enrolment is kept this long, to answer `enrolment_expired` rather than `invalid_token`. */
export const KEPT_AFTER_END_MS = 60 * 60 * 1000;

export class EnrolmentRecords {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly clients: ClientRegistry,
  ) {}

  async put(token: string, record: EnrolmentRecord): Promise<void> {
    await this.state.set(keyOf(token), JSON.stringify(record), record.expiresAt - this.clock.now() + KEPT_AFTER_END_MS);
  }

  /** Opens a live enrolment from a page of its client's origins; an unknown token is `invalid_token`. */
  async open(token: string, origin: string | undefined): Promise<Opened> {
    const key = keyOf(token);
    const raw = await this.state.get(key);
    const record = raw === undefined ? undefined : (JSON.parse(raw) as EnrolmentRecord);
    const client = record ? this.clients.get(record.clientId) : undefined;
    if (!record || !client) throw new BrokerError('invalid_token', 'No enrolment has this token.');
    if (!this.clients.isAllowed(client, origin)) {
      throw new BrokerError('origin_not_allowed', "Call from a page of the client's registered origins.");
    }
    if (record.cancelled || record.expiresAt <= this.clock.now()) throw expired();
    return { key, record, client };
  }

  /**
   * Applies `mutate` to the live record at `key` (atomically, retried if another instance wrote first) and resolves
   * with the stored result. `mutate` may throw a BrokerError to change nothing; it may run more than once.
   */
  async change(key: string, mutate: (record: EnrolmentRecord) => void): Promise<EnrolmentRecord> {
    const now = this.clock.now();
    let failure: unknown;
    const stored = await updateRecord<EnrolmentRecord>(
      this.state,
      key,
      (current) => {
        failure = undefined;
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
    return stored as EnrolmentRecord;
  }
}

function keyOf(token: string): string {
  return `enrol:${hashToken(token)}`;
}

export function expired(): BrokerError {
  return new BrokerError('enrolment_expired', 'This enrolment has ended; the bank starts a new one.');
}

export function requireTerms(record: EnrolmentRecord): void {
  if (record.termsAcceptedAt === undefined) {
    throw new BrokerError('wrong_step', 'Accept the terms (step 2) before the other steps.');
  }
}

/** Steps 2 to 5 may be changed until an authenticator is being activated. */
export function requireOpen(record: EnrolmentRecord): void {
  requireTerms(record);
  if (record.identityCreated || record.finished) {
    throw new BrokerError('wrong_step', 'The MitID is being activated or is active: its choices are made.');
  }
}

export function toView(record: EnrolmentRecord): EnrolmentView {
  const view: EnrolmentView = { expires_at: new Date(record.expiresAt).toISOString() };
  if (record.termsAcceptedAt !== undefined) view.terms_accepted_at = new Date(record.termsAcceptedAt).toISOString();
  if (record.method) view.method = record.method;
  if (record.contact) view.contact = { ...record.contact };
  if (record.userId !== undefined) view.user_id = record.userId;
  if (record.device) view.device = { method: record.device.method, serial: record.device.serial };
  if (record.finished) view.result = record.finished.result;
  return view;
}
