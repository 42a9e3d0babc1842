/**
 * Demo Borgerservice's page: login only, in Danish or English (the switch sets the page's and the element's
 * `lang`), shown with the host's own branding of the element (see borger.css).
 */
import { ApiError, getJson, postJson } from './shared/api.js';
import { announce, byId, el, fill, focusHeading } from './shared/dom.js';
import { createMitidLogin, type RpSessionInfo, type VerifiedUser } from './shared/mitid.js';
import { refusal } from './shared/verify-errors.js';

type Lang = 'da' | 'en';
type Bilingual = { da: string; en: string };

const TEXTS = {
  skip: { da: 'Gå til indhold', en: 'Skip to content' },
  languageNav: { da: 'Sprog', en: 'Language' },
  loginHeading: { da: 'Log på Demo Borgerservice', en: 'Log in to Demo Borgerservice' },
  loginIntro: {
    da: 'Her kan du se din digitale post og dine sager. Log på med MitID.',
    en: 'See your digital mail and your cases here. Log in with MitID.',
  },
  verifiedHeading: { da: 'Du er logget på', en: 'You are logged in' },
  verifiedHint: {
    da: 'Vi har kontrolleret dit MitID på vores server.',
    en: 'We have verified your MitID on our server.',
  },
  mailHeading: { da: 'Digital Post', en: 'Digital mail' },
  logout: { da: 'Log af', en: 'Log out' },
  loggedOut: { da: 'Du er logget af.', en: 'You are logged out.' },
  footer: {
    da: 'Demo af mitid-login. Ikke en rigtig offentlig tjeneste.',
    en: 'A demo of mitid-login. Not a real public service.',
  },
  overview: { da: 'Oversigt', en: 'Overview' },
  welcome: { da: 'Velkommen, ', en: 'Welcome, ' },
  name: { da: 'Navn', en: 'Name' },
  level: { da: 'Sikringsniveau', en: 'Level of assurance' },
  method: { da: 'Metode', en: 'Method' },
  from: { da: 'Fra', en: 'From' },
  failed: { da: 'Siden kunne ikke startes. Genindlæs den.', en: 'The page could not start. Please reload it.' },
  title: { da: 'Demo Borgerservice', en: 'Demo Borgerservice (English)' },
} satisfies Record<string, Bilingual>;

type TextKey = keyof typeof TEXTS;

interface Overview {
  user: VerifiedUser;
  mail: { from: Bilingual; subject: Bilingual }[];
}

const API = '/borger/api';
const status = byId('page-status');
let lang: Lang = localStorage.getItem('borger-lang') === 'en' ? 'en' : 'da';
let overview: Overview | undefined;

const t = (key: TextKey) => TEXTS[key][lang];

function applyLanguage(): void {
  document.documentElement.lang = lang;
  document.title = t('title');
  for (const node of document.querySelectorAll<HTMLElement>('[data-text]')) {
    const key = node.dataset.text as TextKey;
    if (key in TEXTS) node.textContent = t(key);
  }
  for (const node of document.querySelectorAll<HTMLElement>('[data-label]')) {
    const key = node.dataset.label as TextKey;
    if (key in TEXTS) node.setAttribute('aria-label', t(key));
  }
  byId('lang-da').setAttribute('aria-pressed', String(lang === 'da'));
  byId('lang-en').setAttribute('aria-pressed', String(lang === 'en'));
  document.querySelector('mitid-login')?.setAttribute('lang', lang);
  if (overview) renderOverview(overview);
}

function setLanguage(next: Lang): void {
  lang = next;
  localStorage.setItem('borger-lang', lang);
  applyLanguage();
}

async function refresh(): Promise<void> {
  const session = await postJson<RpSessionInfo>(`${API}/session`, {});
  if (session.user) return showOverview();
  overview = undefined;
  byId('self-service').hidden = true;
  byId('login-view').hidden = false;
  const element = createMitidLogin(
    { broker: session.broker, clientId: session.client_id, nonce: session.nonce, lang },
    {
      onSuccess: (detail) => void finishLogin(detail.assertion),
    },
  );
  fill(byId('login-slot'), element);
}

async function finishLogin(assertion: string): Promise<void> {
  try {
    await postJson(`${API}/login`, { assertion });
    announce(status, '');
    await showOverview();
  } catch (error) {
    announce(status, refusal(error instanceof ApiError ? error.code : 'error', lang), 'error');
    await refresh();
  }
}

async function showOverview(): Promise<void> {
  overview = await getJson<Overview>(`${API}/overview`);
  byId('login-view').hidden = true;
  fill(byId('login-slot'));
  byId('self-service').hidden = false;
  renderOverview(overview);
  focusHeading(byId('welcome'));
}

function renderOverview(data: Overview): void {
  byId('welcome').textContent = `${t('welcome')}${data.user.name}`;
  fill(
    byId('verified-facts'),
    el('dt', {}, t('name')),
    el('dd', {}, data.user.name),
    el('dt', {}, t('level')),
    el('dd', {}, data.user.level[lang]),
    el('dt', {}, t('method')),
    el('dd', {}, data.user.method[lang]),
  );
  fill(
    byId('mail'),
    ...data.mail.map((letter) => el('li', {}, `${letter.subject[lang]} (${t('from')}: ${letter.from[lang]})`)),
  );
}

byId('lang-da').addEventListener('click', () => setLanguage('da'));
byId('lang-en').addEventListener('click', () => setLanguage('en'));
byId('logout').addEventListener('click', () => {
  void postJson(`${API}/logout`, {}).then(async () => {
    await refresh();
    announce(status, t('loggedOut'));
    focusHeading(byId('login-heading'));
  });
});

applyLanguage();
refresh().catch(() => announce(status, t('failed'), 'error'));
