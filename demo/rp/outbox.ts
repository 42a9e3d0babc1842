/**
 * The demo's outbox (`GET /demo/api/outbox`): the e-mails and SMS the broker sent to the test identities' contact
 * channels, newest first, for the page at /beskeder/. The broker sends notices through a pluggable notifier
 * (server/identity/notices.ts); a real deployment gives its own SMS and e-mail provider, and `npm start` keeps the
 * embedded in-memory outbox, which is what this reads. A demo-only endpoint, like the rest of /demo/api/.
 */
import type { FastifyInstance } from 'fastify';
import type { AppNotification } from '../../protocol/app-api.js';

/** One message as the outbox page shows it. */
export interface OutboxMessage {
  user_id: string;
  to: { email?: string; phone?: string };
  notification: AppNotification;
}

export interface OutboxResponse {
  /** False when the broker was given a notifier of its own: then its messages went there, not here. */
  available: boolean;
  messages: OutboxMessage[];
}

interface ReadableOutbox {
  messages(): Array<{ userId: string; to: OutboxMessage['to']; notification: AppNotification }>;
}

function readable(notifier: unknown): notifier is ReadableOutbox {
  return typeof (notifier as Partial<ReadableOutbox> | null)?.messages === 'function';
}

export function registerOutboxApi(app: FastifyInstance): void {
  app.get('/demo/api/outbox', async (_request, reply): Promise<OutboxResponse> => {
    reply.header('cache-control', 'no-store');
    const notifier = app.broker.notifier;
    if (!readable(notifier)) return { available: false, messages: [] };
    // The broker keys a notice by the identity's first user ID; the page shows the one it has now.
    const messages = await Promise.all(
      notifier.messages().map(async ({ userId, to, notification }) => ({
        user_id: await app.broker.userIds.currentOf(userId),
        to,
        notification,
      })),
    );
    return { available: true, messages };
  });
}
