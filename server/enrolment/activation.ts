/**
 * Steps 6 and 7 of getting MitID: the authenticator, and its activation, which makes the identity.
 * - **A code display or an audio code reader** is sent to the person (`POST /v1/enrol/device`: a serial number and
 *   a secret that never leaves the broker; the demo hands the device over at once). It is activated with its serial
 *   number, the code it shows now and a password the person chooses (`POST /v1/enrol/device/activate`): the
 *   identity is made with that device and password.
 * - **The app**: `POST /v1/enrol/app` makes the identity (with no authenticator yet) and a one-time activation code
 *   for the lifetime of the enrolment, which the page shows as a QR code; the app activates with it like with a
 *   letter (`POST /v1/app/activate`), and the enrolment is finished when the page next asks (`GET /v1/enrol/current`).
 * Either way the person's contact channel and the identity's apps are told (`mitid-created`), the user ID is the
 * identity's for good, and the enrolment carries the signed result for the bank's back end (./result.ts).
 */
import { randomInt } from 'node:crypto';
import { Secret } from 'otpauth';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type {
  AppActivationResponse,
  ChipKeyOptionsResponse,
  EnrolMethod,
  EnrolmentView,
} from '../../protocol/enrol-api.js';
import type { ChipRegistry } from '../authenticators/chip.js';
import { requireChoosablePassword, userIdTaken } from '../identity/chosen.js';
import type { PasswordChecker } from '../authenticators/passwords.js';
import type { TotpVerifier } from '../authenticators/totp.js';
import type { Clock } from '../clock.js';
import {
  normalizeUserId,
  type CodeMethod,
  type EnrolledIdentity,
  type IdentityDirectory,
} from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { Notices } from '../identity/notices.js';
import type { ActivationProofs } from '../identity/proofs.js';
import type { IdentityRegistry } from '../identity/registry.js';
import { requireTerms, toView, type EnrolmentRecord, type EnrolmentRecords, type Opened } from './records.js';
import type { DevicePost } from './device-post.js';
import type { UserIdReservations } from './reservations.js';
import type { EnrolmentResults } from './result.js';

/** Wrong serial numbers or first codes before the enrolment ends (the bank then starts a new one). */
export const MAX_WRONG_ACTIVATIONS = 5;
/** Code devices one enrolment may have sent (a lost parcel, a second try). */
export const MAX_DEVICES_SENT = 3;

const DEVICE_NAMES: Record<EnrolMethod, string> = {
  app: 'MitID app',
  'code-display': 'MitID kodeviser',
  'code-reader': 'MitID kodeoplæser',
  chip: 'MitID chip',
};

export interface EnrolmentActivationDeps {
  clock: Clock;
  records: EnrolmentRecords;
  reservations: UserIdReservations;
  directory: IdentityDirectory;
  passwords: PasswordChecker;
  totp: TotpVerifier;
  proofs: ActivationProofs;
  registry: IdentityRegistry;
  notices: Notices;
  results: EnrolmentResults;
  /** Where an ordered code device goes (./device-post.ts). */
  post: DevicePost;
  /** Chip keys: a new MitID's first key is registered here (step 7 for a chip). */
  chips: ChipRegistry;
}

export class EnrolmentActivation {
  constructor(private readonly deps: EnrolmentActivationDeps) {}

  /** The enrolment as the page shows it; an app activated since the last look finishes it. */
  async current(token: string, origin: string | undefined): Promise<EnrolmentView> {
    const opened = await this.deps.records.open(token, origin);
    const { record } = opened;
    if (record.identityCreated && !record.finished && record.userId !== undefined) {
      const apps = await this.deps.registry.liveOf(normalizeUserId(record.userId), 'app');
      if (apps.some((app) => app.state === 'active')) return toView(await this.finish(opened, 'app'));
    }
    return toView(record);
  }

  /** Step 6 for a code device: sends one (a new serial number and secret; the one sent before stops working). */
  async sendDevice(token: string, origin: string | undefined): Promise<EnrolmentView> {
    const { key, record } = await this.deps.records.open(token, origin);
    const method = requireReady(record, 'code');
    const secret = new Secret({ size: 20 }).base32;
    const serial = Array.from({ length: 3 }, (_, group) =>
      String(randomInt(group === 2 ? 100 : 10_000)).padStart(group === 2 ? 2 : 4, '0'),
    ).join('-');
    const now = this.deps.clock.now();
    const changed = await this.deps.records.change(key, (current) => {
      requireReady(current, 'code');
      if ((current.ordered ?? 0) >= MAX_DEVICES_SENT) {
        throw new BrokerError('rate_limited', `An enrolment may have ${MAX_DEVICES_SENT} devices sent; start again.`);
      }
      current.ordered = (current.ordered ?? 0) + 1;
      current.device = { method, serial, secret, issuedAt: now };
    });
    // Posted once it is the enrolment's device: a parcel never carries a secret the enrolment does not know.
    await this.deps.post.send({ method, serial, secret, sentAt: now }, changed.contact);
    return toView(changed);
  }

  /**
   * Step 7 for a code device: its serial number, the code it shows and a new password make the identity. Wrong
   * serial numbers and codes are counted; the fifth ends the enrolment.
   */
  async activateDevice(
    token: string,
    origin: string | undefined,
    given: { serial: string; code: string; password: string },
  ): Promise<EnrolmentView> {
    const opened = await this.deps.records.open(token, origin);
    const { key, record } = opened;
    const method = requireReady(record, 'code');
    const device = record.device;
    if (!device || device.method !== method) {
      throw new BrokerError('wrong_step', 'Have the device sent first (POST /v1/enrol/device).');
    }
    const userId = normalizeUserId(record.userId as string);
    requireChoosablePassword(given.password, record.userId as string);
    const sameSerial = given.serial.replace(/[\s-]/g, '') === device.serial.replace(/-/g, '');
    // The code is checked whatever the serial number, so that both take the same work; the replay memory is the
    // one logins use, so the first code does not log in again.
    const verdict = await this.deps.totp.verify(`${userId}\u0000${method}`, device.secret, given.code);
    if (verdict === 'used' && sameSerial) {
      throw new BrokerError('code_used', 'This code has been used; wait for the next one on the device.');
    }
    if (verdict !== 'ok' || !sameSerial) return this.wrongActivation(opened);
    const passwordHash = await this.deps.passwords.hash(given.password);
    await this.makeIdentity(key, {
      ...this.identityBase(record, userId),
      methods: new Set([method]),
      passwordHash,
      totp: { [method]: device.secret },
    });
    return toView(await this.finish(opened, method));
  }

  /**
   * Step 7 for the app: makes the identity (once) and a new one-time activation code for the app to scan, good for
   * what is left of the enrolment.
   */
  async startApp(token: string, origin: string | undefined): Promise<AppActivationResponse> {
    const { key, record } = await this.deps.records.open(token, origin);
    requireReady(record, 'app');
    const chosen = record.userId as string;
    const userId = normalizeUserId(chosen);
    // The record is marked first, by compare-and-set, so that of two presses at once only one makes the identity
    // (the other would find its user ID taken by itself); the mark is taken back if the identity cannot be made.
    let making = false;
    await this.deps.records.change(key, (current) => {
      making = !current.identityCreated;
      current.identityCreated = true;
    });
    if (making) {
      const made = await this.deps.directory.enrol(
        {
          ...this.identityBase(record, userId),
          methods: new Set(['app']),
          totp: {},
          // Its user ID is free again if the app never comes before the enrolment ends.
          awaitingAppUntil: record.expiresAt,
        },
        this.deps.clock.now(),
      );
      if (!made) {
        await this.deps.records.change(key, (current) => {
          delete current.identityCreated;
        });
        throw userIdTaken(true);
      }
      await this.deps.reservations.release(chosen, key);
    }
    const ttl = record.expiresAt - this.deps.clock.now();
    const code = await this.deps.proofs.issueLetter(userId, undefined, ttl);
    return {
      user_id: chosen,
      activation_code: code,
      expires_at: new Date(record.expiresAt).toISOString(),
      qr_text: `mitid-activation:1:${chosen}:${code}`,
    };
  }

  /**
   * Step 7 for a chip: registration options for the reserved user ID, the page as relying party. The challenge is
   * kept in the enrolment (a new call replaces it), to check the key's answer against.
   */
  async chipKeyOptions(token: string, origin: string | undefined): Promise<ChipKeyOptionsResponse> {
    const { key, record } = await this.deps.records.open(token, origin);
    requireReady(record, 'chip');
    const userId = normalizeUserId(record.userId as string);
    const { options, ceremony } = await this.deps.chips.registrationOptions(userId, record.name, origin as string);
    await this.deps.records.change(key, (current) => {
      requireReady(current, 'chip');
      current.keyCeremony = { ...ceremony, expiresAt: Math.min(ceremony.expiresAt, current.expiresAt) };
    });
    return { options };
  }

  /**
   * Step 7 for a chip: the key's answer to the last options and a new password make the identity, with the key as
   * its authenticator. An answer that does not verify is `webauthn_failed` (the page asks for new options).
   */
  async registerChipKey(
    token: string,
    origin: string | undefined,
    given: { response: RegistrationResponseJSON; password: string },
  ): Promise<EnrolmentView> {
    const opened = await this.deps.records.open(token, origin);
    const { key, record } = opened;
    requireReady(record, 'chip');
    const ceremony = record.keyCeremony;
    if (!ceremony || ceremony.expiresAt <= this.deps.clock.now()) {
      throw new BrokerError('wrong_step', "Ask for the key's options first (POST /v1/enrol/chip-key/options).");
    }
    const userId = normalizeUserId(record.userId as string);
    requireChoosablePassword(given.password, record.userId as string);
    // The challenge is used once, whatever the answer: taken from the record before the key's answer is checked.
    let taken = false;
    await this.deps.records.change(key, (current) => {
      taken = current.keyCeremony?.challenge === ceremony.challenge;
      delete current.keyCeremony;
    });
    if (!taken) throw new BrokerError('wrong_step', 'These options were answered already; ask for new ones.');
    const credential = await this.deps.chips.verifyRegistration(ceremony, given.response, userId);
    await this.makeIdentity(key, {
      ...this.identityBase(record, userId),
      methods: new Set(['chip']),
      passwordHash: await this.deps.passwords.hash(given.password),
      totp: {},
    });
    await this.deps.chips.keep(credential, 'enrolment');
    return toView(await this.finish(opened, 'chip'));
  }

  /**
   * Keeps the identity a code device or a chip makes at step 7 (its authenticator comes with it), and marks the
   * enrolment; `user_id_taken` when the user ID was taken meanwhile.
   */
  private async makeIdentity(key: string, identity: EnrolledIdentity): Promise<void> {
    if (!(await this.deps.directory.enrol(identity, this.deps.clock.now()))) throw userIdTaken(true);
    await this.deps.records.change(key, (current) => {
      current.identityCreated = true;
    });
  }

  private identityBase(record: EnrolmentRecord, userId: string) {
    return {
      userId,
      name: record.name,
      locked: false,
      contact: { ...record.contact },
      enrolledAt: this.deps.clock.now(),
      clientId: record.clientId,
      customerRef: record.customerRef,
    };
  }

  /** Signs the result, frees the reservation (the identity holds the user ID now) and tells the person. */
  private async finish(opened: Opened, method: EnrolMethod): Promise<EnrolmentRecord> {
    const { key, record } = opened;
    const chosen = record.userId as string;
    const userId = normalizeUserId(chosen);
    const now = this.deps.clock.now();
    const result = await this.deps.results.sign(record.clientId, record.customerRef, userId, [method], now);
    let first = false;
    const stored = await this.deps.records.change(key, (current) => {
      if (current.finished) return;
      first = true;
      current.finished = { at: now, result };
    });
    if (first) {
      await this.deps.reservations.release(chosen, key);
      await this.deps.notices.tell(userId, {
        kind: 'mitid-created',
        at: new Date(now).toISOString(),
        device_name: DEVICE_NAMES[method],
      });
    }
    return stored;
  }

  private async wrongActivation(opened: Opened): Promise<never> {
    const { key } = opened;
    let left = 0;
    await this.deps.records.change(key, (current) => {
      current.wrongActivations = (current.wrongActivations ?? 0) + 1;
      left = MAX_WRONG_ACTIVATIONS - current.wrongActivations;
      if (left <= 0) current.cancelled = true;
    });
    if (left <= 0) {
      const { record } = opened;
      if (record.userId !== undefined) await this.deps.reservations.release(record.userId, opened.key);
      throw new BrokerError('enrolment_expired', 'Too many wrong serial numbers or codes: the enrolment has ended.');
    }
    throw new BrokerError('wrong_code', 'The serial number or the code is not right.', { attempts_left: left });
  }
}

/**
 * Steps 2 to 5 are done and the method is of `kind`, and nothing is active yet: the method (a code method for
 * `code`). `wrong_step` names what is missing.
 */
function requireReady(record: EnrolmentRecord, kind: 'app'): 'app';
function requireReady(record: EnrolmentRecord, kind: 'chip'): 'chip';
function requireReady(record: EnrolmentRecord, kind: 'code'): CodeMethod;
function requireReady(record: EnrolmentRecord, kind: 'app' | 'chip' | 'code'): EnrolMethod {
  requireTerms(record);
  if (record.finished) throw new BrokerError('wrong_step', 'This MitID is active: the enrolment is finished.');
  const missing = !record.method ? 'the method (step 3)' : !record.contact ? 'contact details (step 4)' : null;
  if (missing) throw new BrokerError('wrong_step', `Give ${missing} first.`);
  if (record.userId === undefined) throw new BrokerError('wrong_step', 'Choose a user ID (step 5) first.');
  const method = record.method as EnrolMethod;
  const kindOf = method === 'app' || method === 'chip' ? method : 'code';
  if (kindOf !== kind) throw new BrokerError('wrong_step', `The method chosen is ${method}: activate that one.`);
  return method;
}
