/**
 * The home view's list of requests: those this device has scanned or opened, each with its service, where and when
 * it was started, and what it asks; a cross-device one not yet scanned says to scan first. Re-rendered only when the
 * list changed, so focus and the screen reader's place survive the app's polling.
 */
import type { AppRequest } from '../../../protocol/app-api.js';
import { byId, el, fill, fillIsolated } from '../shared/dom.js';
import { startedWhereAndWhen } from './labels.js';

export function showWaiting(): void {
  const list = byId('requests');
  if (list.dataset.ids === 'pending') return;
  list.dataset.ids = 'pending';
  fill(list, el('li', { class: 'empty' }, 'Appen kan tage imod anmodninger, når ventetiden er gået.'));
}

export function showRequests(requests: AppRequest[], openRequest: (requestId: string) => void): void {
  const list = byId('requests');
  const ids = requests.map((request) => request.request_id + String(request.qr_scanned)).join();
  if (list.dataset.ids === ids) return; // unchanged: keep focus and the screen reader's place
  list.dataset.ids = ids;
  if (requests.length === 0) {
    return fill(
      list,
      el('li', { class: 'empty' }, 'Ingen anmodninger lige nu. Scan QR-koden på skærmen, eller åbn tjenestens link.'),
    );
  }
  fill(
    list,
    ...requests.map((request) => {
      const mustScan = request.needs_qr && !request.qr_scanned;
      const open = el('button', { type: 'button', class: 'wide' }, mustScan ? 'Scan QR-koden for at fortsætte' : 'Åbn');
      open.addEventListener('click', () => (mustScan ? byId('scan-text').focus() : openRequest(request.request_id)));
      return el(
        'li',
        { 'data-request-id': request.request_id },
        el('p', { class: 'request-title' }, request.client_name),
        el('p', { class: 'hint request-origin' }, startedWhereAndWhen(request)),
        el('p', {}, request.mode === 'approve' ? 'Beder dig om at godkende:' : 'Beder dig om at logge på.'),
        request.transaction_text !== undefined
          ? fillIsolated(el('p', { class: 'literal approve-text' }), request.transaction_text)
          : null,
        open,
      );
    }),
  );
}
