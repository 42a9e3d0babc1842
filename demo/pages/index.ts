/**
 * The index: lists the test identities, with what a tester needs for each of their methods, and each identity's
 * letter with its activation code, which only the demo can order anew.
 */
import { getJson } from './shared/api.js';
import { announce, byId, el, fill } from './shared/dom.js';
import { LETTER_STATUS, METHOD_NAMES, orderLetter, type TestIdentity, type TestLetter } from './shared/identities.js';

const status = byId('identities-status');

function needs(identity: TestIdentity): HTMLElement {
  const list = el('ul', { class: 'method-list needs' });
  if (identity.locked) {
    list.append(el('li', {}, 'Spærret: hver metode ender med »spærret«, når første trin er rigtigt.'));
    return list;
  }
  for (const method of identity.methods) {
    if (method === 'app') {
      list.append(el('li', {}, 'Aktivér ', el('a', { href: '/app/' }, 'MitID app'), ' med brevets aktiveringskode.'));
    }
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
        el(
          'li',
          {},
          el('a', { href: '/chip/' }, 'Tilmeld en nøgle'),
          ' med brevets aktiveringskode; log så på med nøglen, derefter adgangskoden.',
        ),
      );
    }
  }
  return list;
}

/** The letter's cell: its code and status, updated in place, and the demo's "Bestil nyt brev". */
function letterCell(identity: TestIdentity): HTMLElement {
  const code = el('code', { class: 'letter-code' });
  const state = el('span', { class: 'letter-status' });
  const render = (letter: TestLetter | null) => {
    code.textContent = letter?.code ?? '–';
    state.textContent = letter ? LETTER_STATUS[letter.status] : 'intet brev';
  };
  render(identity.letter);
  const order = el(
    'button',
    { type: 'button', class: 'secondary small', 'aria-label': `Bestil nyt brev til ${identity.user_id}` },
    'Bestil nyt brev',
  );
  order.addEventListener('click', () => {
    void orderLetter(identity.user_id).then(
      (letter) => {
        render(letter);
        announce(status, `Nyt brev til ${identity.user_id}: aktiveringskoden er ${letter.code}.`, 'ok');
      },
      () => announce(status, `Der kunne ikke bestilles et nyt brev til ${identity.user_id}.`, 'error'),
    );
  });
  return el('td', {}, el('p', { class: 'letter' }, code, ' ', el('span', {}, '(', state, ')')), order);
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
          el(
            'td',
            {},
            el('span', { class: 'person' }, identity.name),
            el(
              'span',
              { class: 'methods' },
              identity.methods.map((method) => METHOD_NAMES[method] ?? method).join(', '),
            ),
          ),
          el('td', {}, el('code', {}, identity.password)),
          letterCell(identity),
          el('td', {}, needs(identity)),
        ),
      ),
    );
  } catch {
    fill(body, el('tr', {}, el('td', { colspan: '5', class: 'error' }, 'Testbrugerne kunne ikke hentes.')));
  }
}

void showIdentities();
