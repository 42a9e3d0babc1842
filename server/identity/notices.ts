/**
 * Telling the user about their MitID: every notice goes to the identity's apps (listed by `GET
 * /v1/app/notifications`) and to its contact channel (e-mail or SMS) through a {@link Notifier}. MitID's promise:
 * you are always told when the app is activated on a new device. A deployment plugs in its own SMS/e-mail provider;
 * the embedded default keeps the last messages in memory (an outbox a demo page can show).
 */
import type { AppNotification } from '../../protocol/app-api.js';
import { newId } from '../http/auth.js';
import type { SharedState } from '../stores/shared-state.js';

export interface ContactChannel {
  email?: string;
  phone?: string;
}

/** One message to a person's contact channel. */
export interface OutgoingNotice {
  to: ContactChannel;
  userId: string;
  notification: AppNotification;
}

export interface Notifier {
  send(notice: OutgoingNotice): Promise<void>;
}

/** The embedded notifier: the newest messages in memory, newest first. */
export class MemoryOutbox implements Notifier {
  private readonly sent: OutgoingNotice[] = [];

  constructor(private readonly max = 500) {}

  async send(notice: OutgoingNotice): Promise<void> {
    this.sent.unshift(structuredClone(notice));
    this.sent.length = Math.min(this.sent.length, this.max);
  }

  /** What was sent, newest first (optionally for one user ID). */
  messages(userId?: string): OutgoingNotice[] {
    return this.sent
      .filter((notice) => userId === undefined || notice.userId === userId)
      .map((n) => structuredClone(n));
  }
}

const MAX_NOTIFICATIONS = 50;

export class Notices {
  constructor(
    private readonly state: SharedState,
    private readonly notifier: Notifier,
    /** The identity's contact channel, from its seed. */
    private readonly contactOf: (userId: string) => Promise<ContactChannel | undefined>,
  ) {}

  /** Tells the identity's apps and its contact channel. */
  async tell(userId: string, notification: Omit<AppNotification, 'id'>): Promise<void> {
    const full: AppNotification = { id: newId(), ...notification };
    await this.state.push(`notes:${userId}`, JSON.stringify(full), MAX_NOTIFICATIONS);
    const to = await this.contactOf(userId);
    if (to && (to.email || to.phone)) await this.notifier.send({ to, userId, notification: full });
  }

  /** The notices the identity's apps show, newest first. */
  async of(userId: string): Promise<AppNotification[]> {
    return (await this.state.list(`notes:${userId}`)).map((raw) => JSON.parse(raw) as AppNotification);
  }
}
