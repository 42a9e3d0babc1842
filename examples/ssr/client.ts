/**
 * The server-rendered page's script. Lit's hydration support must load before Lit defines any element, so it is
 * the first import; the element then adopts the shadow root the server rendered instead of rendering anew.
 */
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import 'mitid-login';
import type { MitidLogin } from 'mitid-login';

const byId = (id: string) => document.getElementById(id)!;
const element = document.querySelector<MitidLogin>('mitid-login')!;

async function post<T>(path: string, body: unknown): Promise<T | undefined> {
  byId('problem').textContent = '';
  const response = await fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  }).catch(() => undefined);
  const answer = (await response?.json().catch(() => undefined)) as (T & { error?: { message?: string } }) | undefined;
  if (response?.ok && answer) return answer;
  byId('problem').textContent = answer?.error?.message ?? 'Banken kan ikke nås lige nu. Prøv igen.';
  return undefined;
}

element.addEventListener('mitid-success', async (event) => {
  const answer = await post<{ user: { name: string } }>('/examples/api/login', { assertion: event.detail.assertion });
  if (!answer) return location.reload();
  byId('login').hidden = true;
  byId('home').hidden = false;
  byId('view-heading').textContent = `Velkommen, ${answer.user.name}`;
  byId('view-heading').focus();
});

// The element shows the error and offers "Start forfra"; a fresh nonce from the server goes with it.
element.addEventListener('mitid-error', async () => {
  const response = await fetch('/examples/api/session', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  }).catch(() => undefined);
  const session = (await response?.json().catch(() => undefined)) as { nonce?: string } | undefined;
  if (session?.nonce) element.nonce = session.nonce;
});
