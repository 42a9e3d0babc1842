/** The index: lists the test identities, with what a tester needs for each of their methods. */
import { getJson } from './shared/api.js';
import { byId, el, fill } from './shared/dom.js';
import { METHOD_NAMES, type TestIdentity } from './shared/identities.js';

function needs(identity: TestIdentity): HTMLElement {
  const list = el('ul', { class: 'method-list needs' });
  if (identity.locked) {
    list.append(el('li', {}, 'Spærret: hver metode ender med «spærret», når første trin er rigtigt.'));
    return list;
  }
  for (const method of identity.methods) {
    if (method === 'app')
      list.append(el('li', {}, 'Aktivér ', el('a', { href: '/app/' }, 'MitID app'), ' med adgangskoden.'));
    if (method === 'code-display') {
      list.append(
        el(
          'li',
          {},
          'Koden fra ',
          el('a', { href: `/kodeviser/#${encodeURIComponent(identity.user_id)}` }, 'kodeviseren'),
          ', så adgangskoden.',
        ),
      );
    }
    if (method === 'code-reader') {
      list.append(
        el(
          'li',
          {},
          'Koden fra ',
          el('a', { href: `/kodeoplaeser/#${encodeURIComponent(identity.user_id)}` }, 'kodeoplæseren'),
          ', så adgangskoden.',
        ),
      );
    }
    if (method === 'chip') {
      list.append(
        el('li', {}, 'Adgangskoden, så chippen: ', el('a', { href: '/chip/' }, 'tilmeld en nøgle'), ' først.'),
      );
    }
  }
  return list;
}

async function showIdentities(): Promise<void> {
  const body = byId('identity-rows');
  try {
    const identities = await getJson<TestIdentity[]>('/demo/api/identities');
    fill(
      body,
      ...identities.map((identity) =>
        el(
          'tr',
          {},
          el('td', {}, el('code', {}, identity.user_id)),
          el('td', {}, identity.name),
          el('td', {}, identity.methods.map((method) => METHOD_NAMES[method] ?? method).join(', ')),
          el('td', {}, el('code', {}, identity.password)),
          el('td', {}, needs(identity)),
        ),
      ),
    );
  } catch {
    fill(body, el('tr', {}, el('td', { colspan: '5', class: 'error' }, 'Testbrugerne kunne ikke hentes.')));
  }
}

void showIdentities();
