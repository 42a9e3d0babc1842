/**
 * The user ID an identity is known by, and changing it (the brochure: "you can change your user ID"). Everything the
 * broker keeps about an identity (its authenticators, failures, notices, choices, the pairwise `sub` a relying party
 * knows it by) is keyed by the identity's *key*: the user ID it was created with, normalized, which never changes.
 * The user ID a person types is resolved to that key at the door (a new session, an app or chip activation), so a
 * change moves nothing and every relying party keeps its `sub`.
 *
 * - `current:<key>` holds the user ID as the person chose it last (absent: the key itself);
 * - a user ID changed to is held for the identity for good (`uid:<user ID>`, ../enrolment/reservations.ts), and so is
 *   every one it gave up: no one else can take a user ID that was someone's, and its owner may take it back.
 *
 * A user ID given up resolves to no one: it is refused at login exactly as a user ID that never was (the same
 * lookups, the same answers), so a fraudster holding an old one learns nothing.
 */
import type { Clock } from '../clock.js';
import { normalizeUserId, type IdentityDirectory } from '../config/identities.js';
import type { UserIdReservations } from '../enrolment/reservations.js';
import { BrokerError } from '../http/errors.js';
import type { SharedState } from '../stores/shared-state.js';
import { requireChoosableUserId, userIdTaken } from './chosen.js';
import type { Notices } from './notices.js';

/**
 * The key of a user ID that names no identity: it cannot collide with a real key (`:` is never in a user ID), and
 * every lookup with it finds nothing, as for a user ID that never was.
 */
export const NO_IDENTITY = 'unknown:';

export class UserIds {
  constructor(
    private readonly clock: Clock,
    private readonly state: SharedState,
    private readonly directory: IdentityDirectory,
    private readonly reservations: UserIdReservations,
    private readonly notices: Notices,
  ) {}

  /**
   * The identity key a typed user ID names now, or {@link NO_IDENTITY} and the ID when it names none (never was, or
   * was given up). The same three lookups whichever it is.
   */
  async resolve(typed: string): Promise<string> {
    const wanted = normalizeUserId(typed);
    const key = (await this.reservations.identityHolding(wanted)) ?? wanted;
    const [identity, current] = await Promise.all([this.directory.find(key), this.state.get(currentKey(key))]);
    const now = current === undefined ? key : normalizeUserId(current);
    return identity !== undefined && now === wanted ? key : `${NO_IDENTITY}${wanted}`;
  }

  /** The identity's user ID as it was chosen last (for a seeded one never changed: its key). */
  async currentOf(key: string): Promise<string> {
    return (await this.state.get(currentKey(key))) ?? key;
  }

  /**
   * Changes the identity's user ID to `wanted`, by a login at `clientName`: refused (`user_id_refused` with its
   * `reason`) by the rules of a chosen user ID, the person's name and e-mail included, and `user_id_taken` when it
   * is another's now or ever was. The identity is told (its apps and its contact channel). Returns the user ID.
   */
  async change(key: string, wanted: string, clientName: string): Promise<string> {
    const identity = await this.directory.find(key);
    if (!identity) throw new BrokerError('invalid_token', 'No identity is behind this access.');
    const chosen = wanted.trim();
    const emails = identity.contact.email ? [identity.contact.email] : [];
    requireChoosableUserId(chosen, { name: identity.name, emails });
    const before = await this.currentOf(key);
    const normalized = normalizeUserId(chosen);
    if (normalized === normalizeUserId(before) && chosen === before) return before;
    if (normalized !== key && !(await this.reservations.holdForIdentity(normalized, key))) {
      throw userIdTaken();
    }
    // The one given up stays the identity's (held in the same way), so that it can never be someone else's.
    if (normalizeUserId(before) !== key) await this.reservations.holdForIdentity(normalizeUserId(before), key);
    await this.state.set(currentKey(key), chosen);
    if (normalized !== normalizeUserId(before)) {
      await this.notices.tell(key, {
        kind: 'user-id-changed',
        at: new Date(this.clock.now()).toISOString(),
        client_names: [clientName],
      });
    }
    return chosen;
  }
}

function currentKey(key: string): string {
  return `current:${key}`;
}
