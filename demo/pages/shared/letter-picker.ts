/**
 * The "Testbruger" picker of the app and chip pages: choosing a test identity fills its user ID and the activation
 * code of its letter, as the person holding the letter would type them. A letter whose code is used offers a new one
 * ("Bestil nyt brev", which only the demo has). The identities are fetched again on every choice, so the letter's
 * status is the broker's now, not the page's when it loaded.
 */
import { byId, el, fill } from './dom.js';
import { loadIdentities, orderLetter, type TestIdentity } from './identities.js';

export interface LetterPickerParts {
  select: HTMLSelectElement;
  userId: HTMLInputElement;
  /** The activation code field. */
  code: HTMLInputElement;
  /** What the picker says about the letter (a polite live region). */
  status: HTMLElement;
  /** "Bestil nyt brev": shown when the chosen identity's letter cannot be used. */
  order: HTMLButtonElement;
  /** Which identities to offer. */
  include(identity: TestIdentity): boolean;
}

export interface LetterPicker {
  /** Reads the chosen identity's letter again (after its code was used, say). */
  refresh(): Promise<void>;
}

export async function startLetterPicker(parts: LetterPickerParts): Promise<LetterPicker> {
  const { select, userId, code, status, order } = parts;
  let identities: TestIdentity[] = [];
  try {
    identities = (await loadIdentities()).filter(parts.include);
  } catch {
    status.textContent = 'Testbrugerne kunne ikke hentes. Skriv bruger-ID og aktiveringskode selv.';
  }
  fill(
    select,
    el('option', { value: '' }, 'Vælg …'),
    ...identities.map((identity) =>
      el('option', { value: identity.user_id }, `${identity.name} (${identity.user_id})`),
    ),
  );

  const show = (identity: TestIdentity | undefined, message?: string) => {
    userId.value = identity?.user_id ?? '';
    const letter = identity?.letter;
    const usable = letter?.status === 'unused';
    code.value = usable ? letter.code : '';
    order.hidden = !identity || usable;
    if (!identity) status.textContent = '';
    else if (usable) status.textContent = message ?? 'Brevets aktiveringskode er udfyldt.';
    else if (letter?.status === 'used') {
      status.textContent = `Brevets kode ${letter.code} er brugt. Bestil et nyt brev for at bruge en ny kode.`;
    } else status.textContent = 'Der er intet gyldigt brev. Bestil et nyt brev.';
  };

  const choose = async () => {
    const wanted = select.value;
    try {
      identities = (await loadIdentities()).filter(parts.include);
    } catch {
      // Keep the list from before: its letter may be out of date, and the broker will say so.
    }
    if (select.value === wanted) show(identities.find((identity) => identity.user_id === wanted));
  };

  select.addEventListener('change', () => void choose());
  order.addEventListener('click', () => {
    const identity = identities.find((candidate) => candidate.user_id === select.value);
    if (!identity) return;
    void orderLetter(identity.user_id).then(
      (letter) => {
        identity.letter = letter;
        show(identity, 'Nyt brev bestilt: brevets aktiveringskode er udfyldt.');
        code.focus();
      },
      () => {
        status.textContent = 'Der kunne ikke bestilles et nyt brev. Prøv igen.';
      },
    );
  });
  return { refresh: choose };
}

/** The picker's parts by the ids both pages use. */
export function letterPickerParts(include: LetterPickerParts['include']): LetterPickerParts {
  return {
    select: byId<HTMLSelectElement>('pick-identity'),
    userId: byId<HTMLInputElement>('user-id'),
    code: byId<HTMLInputElement>('activation-code'),
    status: byId('letter-status'),
    order: byId<HTMLButtonElement>('order-letter'),
    include,
  };
}
