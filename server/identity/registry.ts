/**
 * The identity's authenticators and history, kept per identity in the shared state (`ident:<userId>`, one JSON
 * record changed by compare-and-set, so every instance sees the same and two changes never lose one another).
 * Apps and chip keys are added here (with a proof: ./proofs.ts) and revoked here; each has a state (pending until
 * its waiting period ends, active, revoked). A cap per kind revokes the oldest when a new one comes in, and a revoked
 * one can never log in again. Every addition and revocation is told to the identity (./notices.ts).
 */
import type { AuthenticatorInfo, AuthenticatorKind, IdentityEvent } from '../../protocol/app-api.js';
import type { Clock } from '../clock.js';
import type { IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import { updateRecord, type SharedState } from '../stores/shared-state.js';
import type { FailureCounter } from './failures.js';
import type { Notices } from './notices.js';
import {
  MAX_HISTORY,
  type AuthenticatorRecord,
  type IdentityEventRecord,
  type IdentityRecord,
  type Proof,
} from './types.js';

export interface RegistrySettings {
  /** At most this many apps and chip keys per identity (not revoked); a new one revokes the oldest. */
  maxApps: number;
  maxChips: number;
  /** Revoked authenticators stay listed (and refused with a clear answer) this long, then are forgotten. */
  revokedRetentionMs: number;
}

export interface NewAuthenticator {
  id: string;
  kind: 'app' | 'chip';
  name: string;
  proof: Proof;
  /** Now, or later for a device added by a login (the waiting period). */
  activeFrom: number;
  /** The shared-state key the authenticator is looked up by (its token hash or credential): expired when revoked. */
  lookupKey: string;
}

interface StoredAuthenticator extends AuthenticatorRecord {
  lookupKey: string;
}

interface StoredIdentity extends IdentityRecord {
  authenticators: StoredAuthenticator[];
}

const NAMES: Record<'code-display' | 'code-reader', string> = {
  'code-display': 'MitID kodeviser',
  'code-reader': 'MitID kodeoplæser',
};

export class IdentityRegistry {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly directory: IdentityDirectory,
    private readonly failures: FailureCounter,
    private readonly notices: Notices,
    private readonly settings: RegistrySettings,
  ) {}

  /** Adds an app or a chip key; the oldest of its kind beyond the cap is revoked. Tells the identity. */
  async add(userId: string, added: NewAuthenticator): Promise<AuthenticatorRecord> {
    const now = this.clock.now();
    let pushedOut: StoredAuthenticator[] = [];
    await this.update(userId, (record) => {
      const fresh: StoredAuthenticator = {
        id: added.id,
        kind: added.kind,
        name: added.name,
        state: added.activeFrom > now ? 'pending' : 'active',
        addedAt: now,
        activeFrom: added.activeFrom,
        proof: added.proof,
        lookupKey: added.lookupKey,
      };
      const cap = added.kind === 'app' ? this.settings.maxApps : this.settings.maxChips;
      const live = record.authenticators.filter((entry) => entry.kind === added.kind && entry.state !== 'revoked');
      pushedOut = live.slice(0, Math.max(0, live.length + 1 - cap));
      for (const old of pushedOut) revoke(old, now, 'replaced');
      record.authenticators.push(fresh);
      pushEvent(record, {
        kind: fresh.state === 'pending' ? 'added' : 'activated',
        at: now,
        authenticatorName: added.name,
      });
      for (const old of pushedOut) pushEvent(record, { kind: 'revoked', at: now, authenticatorName: old.name });
      return record;
    });
    await Promise.all(pushedOut.map((old) => this.expireLookup(old)));
    const at = new Date(now).toISOString();
    if (added.kind === 'chip') await this.notices.tell(userId, { kind: 'chip-enrolled', at, device_name: added.name });
    else if (added.activeFrom > now) {
      await this.notices.tell(userId, {
        kind: 'device-pending',
        at,
        device_name: added.name,
        active_from: new Date(added.activeFrom).toISOString(),
      });
    } else await this.notices.tell(userId, { kind: 'device-activated', at, device_name: added.name });
    for (const old of pushedOut) {
      await this.notices.tell(userId, { kind: 'authenticator-revoked', at, device_name: old.name });
    }
    // An identity made at enrolment for this app waits for it no longer (config/identities.ts).
    await this.directory.settle(userId);
    const { lookupKey: _key, ...record } = (await this.find(userId, added.id)) as StoredAuthenticator;
    return record;
  }

  /**
   * Revokes one of the identity's apps or keys at the request of the app `byId`: itself, or one added after it.
   * Undefined when there is no such one (revoked already, older than the caller, or unknown).
   */
  async revoke(userId: string, id: string, byId: string): Promise<AuthenticatorRecord | undefined> {
    return this.revokeIf(userId, id, (record, entryAt) => addedSince(record, entryAt, byId));
  }

  /**
   * Revokes an app or a key from a relying party's page after a login there (../identity/access.ts): by the rule of
   * the app that approved the login (`byApp`: itself or one added after it), or any one after a login with a code
   * device or a chip. Never the last authenticator that can log in: `last_authenticator`.
   */
  async revokeByLogin(userId: string, id: string, byApp: string | undefined): Promise<AuthenticatorRecord | undefined> {
    const identity = await this.directory.find(userId);
    const hasCodeDevice = identity?.methods.has('code-display') || identity?.methods.has('code-reader');
    const now = this.clock.now();
    return this.revokeIf(userId, id, (record, entryAt) => {
      if (byApp !== undefined && !addedSince(record, entryAt, byApp)) return false;
      const entry = record.authenticators[entryAt] as StoredAuthenticator;
      const othersActive = record.authenticators.some(
        (other) => other !== entry && effective(other, now).state === 'active',
      );
      if (!hasCodeDevice && !othersActive && effective(entry, now).state === 'active') {
        throw new BrokerError('last_authenticator', 'This is the last way to log in to this MitID; add another first.');
      }
      return true;
    });
  }

  private async revokeIf(
    userId: string,
    id: string,
    allowed: (record: StoredIdentity, entryAt: number) => boolean,
  ): Promise<AuthenticatorRecord | undefined> {
    const now = this.clock.now();
    let revoked: StoredAuthenticator | undefined;
    await this.update(userId, (record) => {
      revoked = undefined;
      const entryAt = record.authenticators.findIndex((candidate) => candidate.id === id);
      const entry = record.authenticators[entryAt];
      if (!entry || entry.state === 'revoked' || !allowed(record, entryAt)) return undefined;
      revoke(entry, now, 'by-user');
      revoked = entry;
      pushEvent(record, { kind: 'revoked', at: now, authenticatorName: entry.name });
      return record;
    });
    if (!revoked) return undefined;
    await this.expireLookup(revoked);
    await this.notices.tell(userId, {
      kind: 'authenticator-revoked',
      at: new Date(now).toISOString(),
      device_name: revoked.name,
    });
    const { lookupKey: _key, ...record } = revoked;
    return record;
  }

  /** One authenticator as it stands now (a pending one whose waiting period has passed is active). */
  async find(userId: string, id: string): Promise<(AuthenticatorRecord & { lookupKey: string }) | undefined> {
    const entry = (await this.read(userId)).authenticators.find((candidate) => candidate.id === id);
    return entry ? effective(entry, this.clock.now()) : undefined;
  }

  /** The identity's authenticators of one kind that are not revoked (chip keys to exclude, say). */
  async liveOf(userId: string, kind: 'app' | 'chip'): Promise<AuthenticatorRecord[]> {
    return (await this.read(userId)).authenticators.filter((entry) => entry.kind === kind && entry.state !== 'revoked');
  }

  /** Every registered id of a kind, revoked ones included (a revoked key may not be enrolled again). */
  async idsOf(userId: string, kind: 'app' | 'chip'): Promise<string[]> {
    return (await this.read(userId)).authenticators.filter((entry) => entry.kind === kind).map((entry) => entry.id);
  }

  /** Records an event in the identity's history (a login or approval, requests stopped, a block). */
  async record(userId: string, event: IdentityEventRecord): Promise<void> {
    if (!(await this.directory.find(userId))) return; // unknown user IDs have no history
    await this.update(userId, (record) => {
      pushEvent(record, event);
      return record;
    });
  }

  /** Every authenticator (the seed's code devices too) with its state, and the history: what the app shows. */
  async describe(
    userId: string,
    thisDeviceId: string,
  ): Promise<{ authenticators: AuthenticatorInfo[]; history: IdentityEvent[] }> {
    const identity = await this.directory.find(userId);
    const now = this.clock.now();
    const standing = await this.failures.standing(userId);
    const factorState = (): Pick<AuthenticatorInfo, 'state' | 'until'> => {
      if (identity?.locked) return { state: 'blocked' };
      if (!standing.blocked) return { state: 'active' };
      return standing.until === undefined
        ? { state: 'blocked' }
        : { state: 'temporarily-blocked', until: new Date(standing.until).toISOString() };
    };
    const codeDevices: AuthenticatorInfo[] = (['code-display', 'code-reader'] as const)
      .filter((kind) => identity?.methods.has(kind))
      .map((kind) => ({
        id: kind,
        kind,
        name: NAMES[kind],
        added_at: new Date(0).toISOString(),
        this_device: false,
        ...factorState(),
      }));
    const record = await this.read(userId);
    const added = record.authenticators.map((stored): AuthenticatorInfo => {
      const entry = effective(stored, now);
      const info: AuthenticatorInfo = {
        id: entry.id,
        kind: entry.kind,
        name: entry.name,
        state: entry.state,
        added_at: new Date(entry.addedAt).toISOString(),
        this_device: entry.id === thisDeviceId,
      };
      if (entry.state === 'pending') info.until = new Date(entry.activeFrom).toISOString();
      if (entry.kind === 'chip' && entry.state === 'active') Object.assign(info, factorState());
      return info;
    });
    return {
      authenticators: [...codeDevices, ...added],
      history: record.history.map((event) => {
        const out: IdentityEvent = { kind: event.kind, at: new Date(event.at).toISOString() };
        if (event.authenticatorName) out.authenticator_name = event.authenticatorName;
        if (event.clientName) out.client_name = event.clientName;
        if (event.method) out.method = event.method;
        return out;
      }),
    };
  }

  private async read(userId: string): Promise<StoredIdentity> {
    const raw = await this.state.get(identityKey(userId));
    return raw ? (JSON.parse(raw) as StoredIdentity) : { authenticators: [], history: [] };
  }

  private async update(userId: string, mutate: (record: StoredIdentity) => StoredIdentity | undefined): Promise<void> {
    const now = this.clock.now();
    await updateRecord<StoredIdentity>(this.state, identityKey(userId), (current) => {
      const record = current ?? { authenticators: [], history: [] };
      const next = mutate(record);
      if (!next) return undefined;
      // Revoked ones are kept a while (a clear answer to a device that was removed), then forgotten.
      next.authenticators = next.authenticators.filter(
        (entry) => entry.state !== 'revoked' || now - (entry.revokedAt ?? now) < this.settings.revokedRetentionMs,
      );
      return next;
    });
  }

  /** A revoked authenticator's lookup record lives on only as long as the identity remembers the revocation. */
  private async expireLookup(entry: StoredAuthenticator): Promise<void> {
    const raw = await this.state.get(entry.lookupKey);
    if (raw !== undefined) await this.state.set(entry.lookupKey, raw, this.settings.revokedRetentionMs);
  }
}

function identityKey(userId: string): string {
  return `ident:${userId}`;
}

/** The app rule: the one at `entryAt` is the caller `byId` itself or was added after it (the record keeps order). */
function addedSince(record: StoredIdentity, entryAt: number, byId: string): boolean {
  const callerAt = record.authenticators.findIndex((candidate) => candidate.id === byId);
  return callerAt >= 0 && entryAt >= callerAt;
}

function revoke(entry: AuthenticatorRecord, now: number, because: 'replaced' | 'by-user'): void {
  entry.state = 'revoked';
  entry.revokedAt = now;
  entry.revokedBecause = because;
}

function pushEvent(record: IdentityRecord, event: IdentityEventRecord): void {
  record.history.unshift(event);
  record.history.length = Math.min(record.history.length, MAX_HISTORY);
}

function effective<T extends AuthenticatorRecord>(entry: T, now: number): T {
  return entry.state === 'pending' && entry.activeFrom <= now ? { ...entry, state: 'active' } : entry;
}

export type { AuthenticatorKind };
