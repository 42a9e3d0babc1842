/**
 * "Dit MitID" in Demo Netbank, right after a login (issue 23, after enrolment): the user ID, the devices with their
 * states (a pending one can be removed: "it was not me"), "tell me every time my MitID is used", and a new user ID.
 * Every call goes through the access the login bought (./identity-access.ts). The user-ID rules run here first
 * (protocol/rules.ts, as in `<mitid-enrol>`), and the broker's refusal is shown at the field with its reason. Each
 * outcome is said in the section's status region, cleared first so that the same message a second time is heard.
 */
import type { AuthenticatorInfo } from '../../../protocol/app-api.js';
import type { IdentityOverview } from '../../../protocol/identity-api.js';
import { chosenUserIdProblem, type ChosenUserIdProblem } from '../../../protocol/rules.js';
import { KIND_NAMES, stateText, when } from '../app/labels.js';
import { ApiError } from '../shared/api.js';
import { byId, el, fill, focusHeading } from '../shared/dom.js';
import type { IdentityAccessClient } from './identity-access.js';

const AGAIN = 'Log af, og log på igen for at se og ændre dit MitID.';

const USER_ID_PROBLEMS: Record<ChosenUserIdProblem, string> = {
  empty: 'Skriv det nye bruger-ID.',
  'too-long': 'Dit bruger-ID må højst være 64 tegn.',
  'invalid-characters': 'Brug kun bogstaver, tal og tegnene . _ - @ +.',
  cpr: 'Et bruger-ID må aldrig indeholde et CPR-nummer. Vælg noget andet.',
  'too-short': 'Vælg mindst 6 tegn.',
  'all-digits': 'Brug ikke kun tal. Tilføj bogstaver.',
  name: 'Brug ikke dit navn. Det er let at gætte.',
  email: 'Brug ikke din e-mail. Den er let at gætte.',
  common: 'Det bruger-ID vælger mange. Vælg noget mere personligt.',
};

function failureText(error: unknown): string {
  if (!(error instanceof ApiError)) return 'Der er ingen forbindelse. Prøv igen.';
  switch (error.code) {
    case 'login_required':
      return `Dit login kan ikke bruges længere her (det er for gammelt). ${AGAIN}`;
    case 'last_authenticator':
      return 'Det er den sidste måde, du kan logge på med. Tilføj en anden, før du fjerner den.';
    case 'not_found':
      return 'Den enhed kan ikke fjernes herfra: den er ældre end den app, du loggede på med, eller den er fjernet allerede.';
    case 'rate_limited':
      return 'For mange forsøg. Vent lidt, og prøv igen.';
    default:
      return `Det lykkedes ikke (${error.code}). Prøv igen.`;
  }
}

export interface MyMitidSection {
  loggedOut(): void;
}

export function myMitidSection(access: IdentityAccessClient): MyMitidSection {
  const body = byId('my-mitid-body');
  const status = byId('my-mitid-status');
  const open = byId<HTMLButtonElement>('my-mitid-open');
  const devices = byId<HTMLUListElement>('my-devices');
  const notify = byId<HTMLInputElement>('notify-every-use');
  const form = byId<HTMLFormElement>('user-id-form');
  const input = byId<HTMLInputElement>('new-user-id');
  const problem = byId('new-user-id-problem');

  /** Says `message` (cleared first, so that the same words again are heard again). */
  function say(message: string, kind: 'ok' | 'error' = 'ok'): void {
    status.textContent = '';
    status.className = kind;
    requestAnimationFrame(() => (status.textContent = message));
  }

  function device(entry: AuthenticatorInfo): HTMLLIElement {
    const removable = (entry.kind === 'app' || entry.kind === 'chip') && entry.state !== 'revoked';
    const label = `${entry.name} (${KIND_NAMES[entry.kind]})`;
    const button = removable
      ? el('button', { type: 'button', class: 'secondary', 'aria-label': `Fjern ${label}` }, 'Fjern')
      : null;
    button?.addEventListener('click', () => void remove(entry, label));
    return el(
      'li',
      { class: 'my-device', 'data-state': entry.state },
      el('span', {}, label),
      el(
        'span',
        { class: 'hint' },
        ` ${stateText(entry.state, entry.until)}${entry.this_device ? ', den du loggede på med' : ''}`,
      ),
      entry.state === 'pending' ? el('span', { class: 'hint' }, ' Var det ikke dig? Fjern den nu.') : null,
      button,
    );
  }

  function show(view: IdentityOverview): void {
    byId('my-user-id').textContent = view.user_id;
    fill(devices, ...view.authenticators.filter((entry) => entry.state !== 'revoked').map(device));
    notify.checked = view.settings.notify_every_use;
    byId('my-mitid-until').textContent = `Du kan se og ændre dit MitID her til ${when(view.expires_at)}.`;
    body.hidden = false;
  }

  async function load(focus: boolean): Promise<void> {
    if (!access.usable) {
      say(`Siden husker kun dit login, indtil du genindlæser den. ${AGAIN}`, 'error');
      return;
    }
    try {
      show(await access.overview());
      if (focus) focusHeading(byId('my-mitid-details'));
    } catch (error) {
      body.hidden = true;
      say(failureText(error), 'error');
    }
  }

  async function remove(entry: AuthenticatorInfo, label: string): Promise<void> {
    try {
      await access.revoke(entry.id);
      await load(false);
      say(`${label} er fjernet og kan ikke bruges mere. Du får også besked på e-mail eller sms.`);
      focusHeading(byId('my-devices-heading'));
    } catch (error) {
      say(failureText(error), 'error');
    }
  }

  notify.addEventListener('change', () => {
    const wanted = notify.checked;
    void access.changeSettings({ notify_every_use: wanted }).then(
      (settings) => {
        notify.checked = settings.notify_every_use;
        say(
          settings.notify_every_use
            ? 'Du får nu besked, hver gang dit MitID bliver brugt.'
            : 'Du får ikke længere besked, hver gang dit MitID bliver brugt.',
        );
      },
      (error: unknown) => {
        notify.checked = !wanted;
        say(failureText(error), 'error');
      },
    );
  });

  function refuse(text: string): void {
    problem.textContent = text;
    input.setAttribute('aria-invalid', 'true');
    input.focus();
    say(text, 'error');
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    problem.textContent = '';
    input.removeAttribute('aria-invalid');
    const wanted = input.value.trim();
    // The page knows no name or e-mail of the person: the broker checks those.
    const rule = chosenUserIdProblem(wanted);
    if (rule) {
      refuse(USER_ID_PROBLEMS[rule]);
      return;
    }
    void access.changeUserId(wanted).then(
      ({ user_id }) => {
        byId('my-user-id').textContent = user_id;
        input.value = '';
        say(
          `Dit bruger-ID er nu ${user_id}. Brug det, næste gang du logger på. Du får også besked på e-mail eller sms.`,
        );
      },
      (error: unknown) => {
        if (error instanceof ApiError && error.code === 'user_id_refused') {
          const reason = error.details['reason'] as ChosenUserIdProblem | undefined;
          refuse(USER_ID_PROBLEMS[reason ?? 'common'] ?? USER_ID_PROBLEMS.common);
        } else if (error instanceof ApiError && error.code === 'user_id_taken') {
          refuse('Det bruger-ID er optaget. Vælg et andet.');
        } else refuse(failureText(error));
      },
    );
  });

  open.addEventListener('click', () => void load(true));

  return {
    loggedOut() {
      body.hidden = true;
      status.textContent = '';
      problem.textContent = '';
      input.value = '';
    },
  };
}
