/**
 * What the simulated app says, in Danish, about the identity: its notices (every kind of the app API), its
 * authenticators and their states, its history, and when things happen.
 */
import type {
  AppNotification,
  AppRequest,
  AuthenticatorInfo,
  AuthenticatorKind,
  AuthenticatorState,
  IdentityEvent,
} from '../../../protocol/app-api.js';

/**
 * Where a worried user is sent. This is a demo: it names no real support number, and says where real users look
 * (in a sentence: "…, og kontakt <SUPPORT>.").
 */
export const SUPPORT =
  'MitID-supporten (i denne demo findes ingen support; rigtige brugere finder kontakten på mitid.dk)';

export const KIND_NAMES: Record<AuthenticatorKind, string> = {
  app: 'MitID app',
  'code-display': 'MitID kodeviser',
  'code-reader': 'MitID kodeoplæser',
  chip: 'MitID chip',
};

/** "i dag kl. 14.03.05", or with the date when it is another day. */
export function when(iso: string, now = new Date()): string {
  const date = new Date(iso);
  const time = date.toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  if (date.toDateString() === now.toDateString()) return `i dag kl. ${time}`;
  return `${date.toLocaleDateString('da-DK', { day: 'numeric', month: 'long', year: 'numeric' })} kl. ${time}`;
}

/**
 * "Startet kl. 14.05 i Chrome på Windows": where and when the request began, so that a request someone else started
 * (a relay, a fraudster with the user ID) can look wrong. The browser is the broker's coarse family, never the header.
 */
export function startedWhereAndWhen(request: Pick<AppRequest, 'started_at' | 'browser'>): string {
  const time = new Date(request.started_at).toLocaleTimeString('da-DK', { hour: '2-digit', minute: '2-digit' });
  const { name, os } = request.browser;
  const browser = name === 'other' ? 'en ukendt browser' : name;
  return `Startet kl. ${time} i ${browser}${os === 'other' ? '' : ` på ${os}`}`;
}

/** "om cirka 30 sekunder", "om cirka 1 time": how long until `iso`, roughly. */
export function inAbout(iso: string, now = Date.now()): string {
  const seconds = Math.max(1, Math.round((Date.parse(iso) - now) / 1000));
  if (seconds < 90) return `om cirka ${seconds} ${seconds === 1 ? 'sekund' : 'sekunder'}`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 90) return `om cirka ${minutes} ${minutes === 1 ? 'minut' : 'minutter'}`;
  const hours = Math.round(minutes / 60);
  return `om cirka ${hours} ${hours === 1 ? 'time' : 'timer'}`;
}

function named(name: string | undefined): string {
  return name ? `»${name}«` : 'en enhed';
}

/** A notice as a short title and its text. */
export function noticeText(notice: AppNotification): { title: string; text: string } {
  const at = when(notice.at);
  switch (notice.kind) {
    case 'mitid-created':
      return {
        title: 'Nyt MitID',
        text:
          `Dit MitID blev oprettet med ${named(notice.device_name)} ${at}. ` +
          `Var det ikke dig, så kontakt ${SUPPORT}.`,
      };
    case 'device-activated':
      return {
        title: 'Ny enhed',
        text:
          `MitID app blev aktiveret på ${named(notice.device_name)} ${at}. ` +
          `Var det ikke dig, så fjern den under »Dit MitID«, og kontakt ${SUPPORT}.`,
      };
    case 'device-pending':
      return {
        title: 'Ny enhed venter',
        text:
          `MitID app blev tilføjet på ${named(notice.device_name)} ${at} efter et login` +
          (notice.active_from ? ` og kan godkende fra ${when(notice.active_from)}. ` : '. ') +
          'Var det ikke dig, så fjern den nu under »Dit MitID«.',
      };
    case 'chip-enrolled':
      return {
        title: 'Ny chip',
        text:
          `Sikkerhedsnøglen ${named(notice.device_name)} blev tilmeldt ${at}. ` +
          `Var det ikke dig, så fjern den under »Dit MitID«, og kontakt ${SUPPORT}.`,
      };
    case 'authenticator-revoked':
      return { title: 'Fjernet', text: `${named(notice.device_name)} blev fjernet ${at} og kan ikke bruges mere.` };
    case 'factor-blocked':
      return {
        title: 'Spærret',
        text:
          'Der har været for mange forkerte forsøg, så kodeviser, kodeoplæser, adgangskode og chip er spærret ' +
          (notice.until ? `til ${when(notice.until)}. ` : `til du kontakter ${SUPPORT}. `) +
          'MitID app virker stadig.',
      };
    case 'requests-stopped':
      return {
        title: 'Anmodninger stoppet',
        text:
          `Anmodninger fra ${(notice.client_names ?? []).join(', ') || 'en tjeneste'} blev stoppet ${at}, ` +
          `fordi der var flere på én gang. Var det ikke dig, så kontakt ${SUPPORT}.`,
      };
    case 'mitid-used': {
      const service = notice.client_names?.[0] ?? 'en tjeneste';
      const what = notice.mode === 'approve' ? `godkende noget hos ${service}` : `logge på hos ${service}`;
      return {
        title: 'MitID brugt',
        text: `Dit MitID blev brugt til at ${what} ${at}. Var det ikke dig, så kontakt ${SUPPORT}.`,
      };
    }
    case 'use-notices-off':
      return {
        title: 'Besked ved brug slået fra',
        text:
          `${named(notice.device_name)} slog besked ved hver brug af dit MitID fra ${at}. ` +
          `Var det ikke dig, så fjern den app under »Dit MitID«, og kontakt ${SUPPORT}.`,
      };
    case 'user-id-changed':
      return {
        title: 'Bruger-ID ændret',
        text:
          `Dit bruger-ID blev ændret ${at} hos ${notice.client_names?.[0] ?? 'en tjeneste'}. ` +
          `Brug det nye, når du logger på. Var det ikke dig, så kontakt ${SUPPORT}.`,
      };
    default:
      return { title: 'Besked', text: at };
  }
}

export function stateText(state: AuthenticatorState, until: string | undefined): string {
  switch (state) {
    case 'pending':
      return until ? `Venter: kan godkende fra ${when(until)}` : 'Venter';
    case 'active':
      return 'Aktiv';
    case 'temporarily-blocked':
      return until ? `Midlertidigt spærret til ${when(until)}` : 'Midlertidigt spærret';
    case 'blocked':
      return 'Spærret';
    case 'revoked':
      return 'Fjernet';
  }
}

/** The code devices come with the identity; everything else shows when it was added. */
export function addedText(authenticator: AuthenticatorInfo): string {
  return Date.parse(authenticator.added_at) > 0 ? `Tilføjet ${when(authenticator.added_at)}` : '';
}

export function historyText(event: IdentityEvent): string {
  const name = named(event.authenticator_name);
  switch (event.kind) {
    case 'activated':
      return `${name} blev aktiveret`;
    case 'added':
      return `${name} blev tilføjet med ventetid`;
    case 'used':
      return `${event.method ? KIND_NAMES[event.method] : 'MitID'} blev brugt hos ${event.client_name ?? 'en tjeneste'}`;
    case 'blocked':
      return 'Spærret efter for mange forkerte forsøg';
    case 'revoked':
      return `${name} blev fjernet`;
    case 'requests-stopped':
      return `Anmodninger stoppet (${event.client_name ?? 'en tjeneste'})`;
    default:
      return 'Hændelse';
  }
}
