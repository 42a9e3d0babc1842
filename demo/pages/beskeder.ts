/**
 * The demo's outbox page: the e-mails and SMS the broker sent to the test identities (GET /demo/api/outbox), each
 * with the notice's Danish text as the app shows it. Loaded on opening and on "Hent nye beskeder"; the status line
 * says how many there are and when they were fetched, so a second fetch with the same count is heard too.
 */
import type { OutboxMessage, OutboxResponse } from '../rp/outbox.js';
import { noticeText, when } from './app/labels.js';
import { getJson } from './shared/api.js';
import { byId, el, fill } from './shared/dom.js';

const list = byId<HTMLOListElement>('messages');
const status = byId('outbox-status');
const refresh = byId<HTMLButtonElement>('refresh');

/** "e-mail til anna@eksempel.dk og sms til +45 20 30 40 50". */
function recipients(to: OutboxMessage['to']): string {
  const parts = [to.email ? `e-mail til ${to.email}` : '', to.phone ? `sms til ${to.phone}` : ''].filter(Boolean);
  return parts.join(' og ');
}

function item(message: OutboxMessage): HTMLLIElement {
  const { title, text } = noticeText(message.notification);
  const sent = recipients(message.to);
  return el(
    'li',
    { class: 'outbox-message card' },
    el('h2', {}, title),
    el('p', { class: 'hint' }, `Sendt ${when(message.notification.at)} som ${sent} (bruger-ID ${message.user_id})`),
    el('p', {}, text),
  );
}

async function load(): Promise<void> {
  list.setAttribute('aria-busy', 'true');
  try {
    const outbox = await getJson<OutboxResponse>('/demo/api/outbox');
    fill(list, ...outbox.messages.map(item));
    const time = new Date().toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    const count = outbox.messages.length;
    if (!outbox.available)
      status.textContent = 'Brokeren sender beskeder med sin egen udbyder: der er intet at vise her.';
    else if (count === 0) status.textContent = `Ingen beskeder endnu (hentet kl. ${time}).`;
    else status.textContent = `${count} ${count === 1 ? 'besked' : 'beskeder'}, nyeste først (hentet kl. ${time}).`;
  } catch {
    status.textContent = 'Beskederne kunne ikke hentes. Prøv igen.';
  } finally {
    list.removeAttribute('aria-busy');
  }
}

refresh.addEventListener('click', () => void load());
void load();
