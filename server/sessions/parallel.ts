/**
 * Two app requests for one user ID at once, judged by what the user's app has seen. A fraudster who races the user
 * hopes the user approves the wrong request; MitID's answer is to stop both and tell the user. But a request the
 * user's app never saw (a login left on its QR code when the tab closed, or a stranger's request for the user's ID,
 * whose QR code the user never scans) cannot be mistaken for anything, so it stops nothing:
 * - when the user's app sees a request (scans its QR code or opens it by its same-device link) while another pending
 *   request of the same user ID has been seen already, both stop with `parallel-session`;
 * - when a new app request starts while one that the app has seen is pending, both stop;
 * - a user ID has at most `maxPendingAppRequests` pending app requests: the oldest unseen ones give way.
 * Stopped requests are told to the identity's apps. With `parallelAppRequests: 'allow'` nothing is stopped (the
 * bound still holds). Keyed by the user ID as typed, so known and unknown IDs behave alike.
 */
import type { Clock } from '../clock.js';
import type { Notices } from '../identity/notices.js';
import type { IdentityRegistry } from '../identity/registry.js';
import type { BrokerSettings } from '../settings.js';
import type { SessionRecord, SessionStore } from './types.js';

export interface ParallelRequestsDeps {
  clock: Clock;
  store: SessionStore;
  settings: Pick<BrokerSettings, 'parallelAppRequests' | 'maxPendingAppRequests'>;
  notices: Notices;
  registry: IdentityRegistry;
  /** Ends a pending session with a failure code; undefined when it had ended already. */
  fail(id: string, code: 'parallel-session' | 'superseded'): Promise<SessionRecord | undefined>;
  /** Whether the user ID belongs to an identity (only identities have apps to tell). */
  known(userId: string): Promise<boolean>;
}

/** Seen by the user's app: its QR code scanned, or the request opened. */
export function seen(session: SessionRecord): boolean {
  return Boolean(session.app?.scannedBy || session.app?.openedBy);
}

export class ParallelRequests {
  constructor(private readonly deps: ParallelRequestsDeps) {}

  /** A new app request: stops both when a seen one is pending; makes room under the bound. True: it was stopped. */
  async started(session: SessionRecord): Promise<boolean> {
    const others = await this.othersOf(session);
    if (this.deps.settings.parallelAppRequests === 'stop-both' && others.some(seen)) {
      await this.stopBoth(session, others.filter(seen));
      return true;
    }
    // Oldest unseen first; seen ones are never dropped for room (with `allow` they may stay several).
    const room = this.deps.settings.maxPendingAppRequests - 1;
    const unseen = others.filter((other) => !seen(other)).sort((a, b) => a.createdAt - b.createdAt);
    const over = others.length - room;
    if (over > 0) {
      const dropped = unseen.slice(0, over);
      for (const other of dropped) await this.deps.fail(other.id, 'superseded');
      await this.tell(session.userId, dropped);
    }
    return false;
  }

  /** The user's app is about to see `session`: stops both when it saw another pending one. True: it was stopped. */
  async seeing(session: SessionRecord): Promise<boolean> {
    if (this.deps.settings.parallelAppRequests !== 'stop-both' || seen(session)) return false;
    const competing = (await this.othersOf(session)).filter(seen);
    if (competing.length === 0) return false;
    await this.stopBoth(session, competing);
    return true;
  }

  private async othersOf(session: SessionRecord): Promise<SessionRecord[]> {
    const now = this.deps.clock.now();
    return (await this.deps.store.listByUser(session.userId)).filter(
      (other) => other.id !== session.id && other.status === 'pending' && other.app && other.expiresAt > now,
    );
  }

  private async stopBoth(session: SessionRecord, competing: SessionRecord[]): Promise<void> {
    for (const other of competing) await this.deps.fail(other.id, 'parallel-session');
    await this.deps.fail(session.id, 'parallel-session');
    await this.tell(session.userId, [...competing, session]);
  }

  private async tell(userId: string, stopped: SessionRecord[]): Promise<void> {
    if (stopped.length === 0 || !(await this.deps.known(userId))) return;
    const at = this.deps.clock.now();
    const clientNames = [...new Set(stopped.map((entry) => entry.clientName))];
    await this.deps.notices.tell(userId, {
      kind: 'requests-stopped',
      at: new Date(at).toISOString(),
      client_names: clientNames,
    });
    await this.deps.registry.record(userId, { kind: 'requests-stopped', at, clientName: clientNames.join(', ') });
  }
}
