/**
 * The identity as the app's home view shows it: this device's state (pending until its waiting period ends, or
 * active), the notices (a new app, a key, a removal, a block, stopped requests), every authenticator with its state,
 * and the history. An active app may remove itself, or an app or key added after it ("this was not me"), after a
 * confirm step. The lists are drawn again only when the broker's answer changed, so polling keeps focus and the
 * screen reader's place.
 */
import type { AppNotification, AuthenticatorInfo, AuthenticatorsResponse } from '../../../protocol/app-api.js';
import { byId, el, fill, focusHeading } from '../shared/dom.js';
import type { AppApi } from './broker-api.js';
import { addedText, historyText, inAbout, KIND_NAMES, noticeText, stateText, when } from './labels.js';
import { explain } from './messages.js';

/** The newest notices shown; the history keeps the rest. */
const NOTICES_SHOWN = 5;

export interface IdentityViewHooks {
  announce(message: string, kind?: 'ok' | 'error' | 'info'): void;
  /** This device was removed (by its own "Fjern"). */
  onRemovedSelf(): void;
}

/** This device's state as the broker sees it: `pending` until `until`, or `active`. */
export interface DeviceState {
  state: AuthenticatorInfo['state'];
  until?: string | undefined;
}

/** Draws the box that says whether this app may approve yet. */
export function showDeviceState(device: DeviceState): void {
  const box = byId('device-state');
  if (device.state === 'pending') {
    box.className = 'device-state pending';
    fill(
      box,
      el('strong', {}, 'Appen venter. '),
      device.until
        ? `Den kan godkende fra ${when(device.until, new Date())} (${inAbout(device.until)}). `
        : 'Den kan godkende, når ventetiden er gået. ',
      'Du har fået besked i dine andre MitID apps og på e-mail eller sms, så du kan stoppe den, hvis det ikke var dig.',
    );
  } else if (device.state === 'active') {
    box.className = 'device-state active';
    fill(box, 'MitID app er aktiv på denne enhed.');
  } else {
    box.className = 'device-state blocked';
    fill(box, `Denne app: ${stateText(device.state, device.until)}.`);
  }
}

export class IdentityView {
  private shown = '';
  private confirming = false;

  constructor(
    private readonly api: AppApi,
    private readonly hooks: IdentityViewHooks,
  ) {}

  /** Reads the notices and the authenticators, draws what changed, and resolves with this device's entry. */
  async refresh(): Promise<AuthenticatorInfo | undefined> {
    const [notices, described] = await Promise.all([this.api.notifications(), this.api.authenticators()]);
    const mine = described.authenticators.find((entry) => entry.this_device);
    const signature = JSON.stringify([notices, described]);
    if (signature !== this.shown && !this.confirming) {
      this.shown = signature;
      this.renderNotices(notices);
      this.renderAuthenticators(described, mine);
      this.renderHistory(described);
    }
    return mine;
  }

  /** Forgets what was drawn (another identity, or after a change of this app's own). */
  reset(): void {
    this.shown = '';
    this.confirming = false;
  }

  private renderNotices(notices: AppNotification[]): void {
    fill(
      byId('notices'),
      ...notices.slice(0, NOTICES_SHOWN).map((notice) => {
        const { title, text } = noticeText(notice);
        return el('li', { class: `notice ${notice.kind}` }, el('strong', {}, `${title}: `), text);
      }),
    );
  }

  private renderAuthenticators(described: AuthenticatorsResponse, mine: AuthenticatorInfo | undefined): void {
    fill(byId('authenticators'), ...described.authenticators.map((entry) => this.renderAuthenticator(entry, mine)));
  }

  private renderAuthenticator(entry: AuthenticatorInfo, mine: AuthenticatorInfo | undefined): HTMLLIElement {
    const actions = el('div', { class: 'actions' });
    if (canRemove(entry, mine)) fill(actions, this.removeButton(entry, actions));
    const added = addedText(entry);
    return el(
      'li',
      { class: `authenticator ${entry.state}`, 'data-authenticator-id': entry.id },
      el('p', { class: 'authenticator-name' }, el('strong', {}, entry.name), entry.this_device ? ' (denne enhed)' : ''),
      el('p', {}, `${KIND_NAMES[entry.kind]} · ${stateText(entry.state, entry.until)}`),
      added ? el('p', { class: 'hint' }, added) : null,
      actions,
    );
  }

  private removeButton(entry: AuthenticatorInfo, actions: HTMLElement): HTMLButtonElement {
    const button = el('button', { type: 'button', class: 'secondary', 'aria-label': `Fjern ${entry.name}` }, 'Fjern');
    button.addEventListener('click', () => this.confirm(entry, actions));
    return button;
  }

  private confirm(entry: AuthenticatorInfo, actions: HTMLElement): void {
    this.confirming = true;
    const question = el(
      'p',
      { class: 'confirm', tabindex: '-1' },
      entry.this_device
        ? 'Fjern MitID app fra denne enhed? Den kan ikke bruges igen, og du skal aktivere appen forfra.'
        : `Fjern »${entry.name}«? Den kan ikke bruges igen. Gør det, hvis det ikke var dig, der tilføjede den.`,
    );
    const yes = el('button', { type: 'button' }, 'Ja, fjern');
    const no = el('button', { type: 'button', class: 'secondary' }, 'Fortryd');
    yes.addEventListener('click', () => void this.remove(entry));
    no.addEventListener('click', () => {
      this.confirming = false;
      const again = this.removeButton(entry, actions);
      fill(actions, again);
      again.focus();
    });
    fill(actions, question, el('div', { class: 'confirm-buttons' }, yes, no));
    question.focus();
  }

  private async remove(entry: AuthenticatorInfo): Promise<void> {
    try {
      await this.api.revoke(entry.id);
    } catch (failure) {
      this.reset();
      this.hooks.announce(explain(failure), 'error');
      await this.refresh().catch(() => undefined);
      return;
    }
    this.reset();
    if (entry.this_device) return this.hooks.onRemovedSelf();
    this.hooks.announce(`»${entry.name}« er fjernet og kan ikke bruges mere.`, 'ok');
    await this.refresh().catch(() => undefined);
    focusHeading(byId('identity-heading'));
  }

  private renderHistory(described: AuthenticatorsResponse): void {
    fill(
      byId('history'),
      ...(described.history.length
        ? described.history.map((event) =>
            el('li', {}, `${historyText(event)}, `, el('span', { class: 'hint' }, when(event.at))),
          )
        : [el('li', {}, 'Ingen hændelser endnu.')]),
    );
  }
}

/** An active app may remove itself, or an app or key added after it: never an older one (the broker's rule). */
function canRemove(entry: AuthenticatorInfo, mine: AuthenticatorInfo | undefined): boolean {
  if (!mine || mine.state !== 'active') return false;
  if ((entry.kind !== 'app' && entry.kind !== 'chip') || entry.state === 'revoked') return false;
  return entry.this_device || Date.parse(entry.added_at) >= Date.parse(mine.added_at);
}
