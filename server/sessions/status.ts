/** The status event a client sees, derived from a session record and nothing else. */
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type { SessionRecord } from './types.js';

export function toStatusEvent(session: SessionRecord): SessionStatusEvent {
  const event: SessionStatusEvent = {
    seq: session.seq,
    status: session.status,
    expires_at: new Date(session.expiresAt).toISOString(),
    extensions_left: session.extensionsLeft,
  };
  if (session.status === 'pending' && session.hint) event.hint = session.hint;
  if (session.status === 'failed' && session.failure) event.code = session.failure;
  if (session.failure === 'blocked' && session.blockedUntil !== undefined) {
    event.blocked_until = new Date(session.blockedUntil).toISOString();
  }
  if (session.method) event.method = session.method;
  if (session.status === 'complete' && session.assertion) event.assertion = session.assertion;
  if (session.status === 'pending' && session.hint === 'qr-scanned' && session.app?.pairedBy) {
    event.paired_by = session.app.pairedBy;
  }
  if (session.status === 'pending' && (session.hint === 'code-required' || session.hint === 'password-required')) {
    event.attempts_left = session.attemptsLeft;
  }
  return event;
}
