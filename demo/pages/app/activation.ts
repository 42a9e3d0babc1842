/**
 * Activating the app on this device. A new app needs proof that its owner is adding it, never a password: the
 * activation code of the identity's letter (active at once), or a one-time code the net bank showed after a login
 * ("Aktivér med kode fra netbank": active after a waiting period, and the identity's other apps are told). The app
 * makes a P-256 key whose private half never leaves the browser and sends the public half.
 */
import type { ActivateDeviceRequest, ActivateDeviceResponse } from '../../../protocol/app-api.js';
import { byId } from '../shared/dom.js';
import { letterPickerParts, startLetterPicker } from '../shared/letter-picker.js';
import { AppApi } from './broker-api.js';
import { generateDeviceKey, hashPin, publicJwk } from './crypto.js';
import { saveActivation, type Activation } from './device-store.js';
import { explain } from './messages.js';

type Proof = 'letter' | 'ticket';

function chosenProof(): Proof {
  return byId<HTMLInputElement>('proof-ticket').checked ? 'ticket' : 'letter';
}

/** Shows the field of the chosen proof, and says what the picker fills in. */
function showProofFields(): void {
  const ticket = chosenProof() === 'ticket';
  byId('letter-fields').hidden = ticket;
  byId('ticket-fields').hidden = !ticket;
  byId('pick-hint').textContent = ticket
    ? 'Udfylder bruger-ID. Koden fra netbanken skriver du selv.'
    : 'Udfylder bruger-ID og aktiveringskoden fra brugerens brev.';
}

function proofFields(proof: Proof): Pick<ActivateDeviceRequest, 'activation_code' | 'activation_ticket'> | undefined {
  const field = byId<HTMLInputElement>(proof === 'ticket' ? 'activation-ticket' : 'activation-code');
  const value = field.value.trim();
  if (!value) return undefined;
  return proof === 'ticket' ? { activation_ticket: value } : { activation_code: value };
}

/** Wires the activation form; `onActivated` gets the stored activation and the broker's answer. */
export async function startActivation(
  onActivated: (activation: Activation, answer: ActivateDeviceResponse) => Promise<void>,
): Promise<void> {
  const form = byId<HTMLFormElement>('activate-form');
  const error = byId('activate-error');
  for (const id of ['proof-letter', 'proof-ticket']) byId(id).addEventListener('change', showProofFields);
  showProofFields();
  const picker = await startLetterPicker(letterPickerParts(() => true));

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void activate();
  });

  async function activate(): Promise<void> {
    const proof = chosenProof();
    const userId = byId<HTMLInputElement>('user-id').value.trim();
    const given = proofFields(proof);
    const pin = byId<HTMLInputElement>('new-pin').value;
    if (!userId || !given) {
      error.textContent =
        proof === 'ticket' ? 'Skriv bruger-ID og koden fra netbanken.' : 'Skriv bruger-ID og aktiveringskoden.';
      return;
    }
    if (!/^\d{4,8}$/.test(pin)) return void (error.textContent = 'PIN-koden skal være 4 til 8 cifre.');
    error.textContent = '';
    try {
      const keyPair = await generateDeviceKey();
      const deviceName = `Demo-browser (${new Date().toLocaleString('da-DK', { dateStyle: 'short', timeStyle: 'medium' })})`;
      const answer = await AppApi.activate({
        user_id: userId,
        ...given,
        device_public_key: await publicJwk(keyPair),
        device_name: deviceName,
      });
      const activation: Activation = {
        userId,
        name: answer.name,
        deviceId: answer.device_id,
        deviceToken: answer.device_token,
        deviceName,
        keyPair,
        pin: await hashPin(pin),
        activatedAt: new Date().toISOString(),
        activeFrom: answer.active_from,
      };
      await saveActivation(activation);
      form.reset();
      showProofFields();
      await picker.refresh(); // nothing chosen now: clears what the picker said
      await onActivated(activation, answer);
    } catch (failure) {
      error.textContent = explain(failure);
      // A used letter: the picker says so, and offers a new one.
      if (proof === 'letter') await picker.refresh();
    }
  }
}
