/**
 * The identity picker shared by the code display and the audio code reader: lists the identities that own the
 * device, and the devices of this kind posted to new customers at enrolment (`<mitid-enrol>`, by serial number),
 * remembers the choice in the URL fragment (`#bo.kodeviser`, `#serie:1234-5678-90`), and runs a one-second clock
 * for the code.
 */
import { byId, el, fill } from './dom.js';
import { loadIdentities } from './identities.js';
import { openCodeDevice, openPostedDevice, type CodeDevice } from './totp.js';
import { getJson } from './api.js';

interface Parcels {
  parcels: Array<{ method: string; serial: string; sent_at: string }>;
}

/** The value a posted device has in the picker (and the URL fragment). */
const SERIAL = 'serie:';

export interface DevicePage {
  device: 'code-display' | 'code-reader';
  onTick(state: { code: string; secondsLeft: number; period: number }): void;
  onNoDevice(): void;
}

export async function startDevicePage(page: DevicePage): Promise<void> {
  const select = byId<HTMLSelectElement>('identity');
  const status = byId('device-status');
  const owners = (await loadIdentities()).filter((identity) => identity.code_devices.includes(page.device));
  const posted = await getJson<Parcels>('/demo/api/parcels')
    .then((answer) => answer.parcels.filter((parcel) => parcel.method === page.device))
    .catch(() => []);
  const values = [...owners.map((identity) => identity.user_id), ...posted.map((parcel) => SERIAL + parcel.serial)];
  fill(
    select,
    ...owners.map((identity) => el('option', { value: identity.user_id }, `${identity.user_id} (${identity.name})`)),
    ...posted.map((parcel) =>
      el('option', { value: SERIAL + parcel.serial }, `Ny enhed fra posten, serienummer ${parcel.serial}`),
    ),
  );
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (values.includes(wanted)) select.value = wanted;

  let device: CodeDevice | undefined;
  let timer: number | undefined;

  const tick = () => {
    if (device) page.onTick(device.now());
  };

  const choose = async () => {
    window.clearInterval(timer);
    device = undefined;
    if (!select.value) return page.onNoDevice();
    history.replaceState(null, '', `#${encodeURIComponent(select.value)}`);
    try {
      device = select.value.startsWith(SERIAL)
        ? await openPostedDevice(select.value.slice(SERIAL.length))
        : await openCodeDevice(select.value, page.device);
      status.textContent = '';
    } catch {
      status.textContent = 'Enheden kunne ikke hentes.';
      return page.onNoDevice();
    }
    tick();
    timer = window.setInterval(tick, 1000);
  };

  select.addEventListener('change', () => void choose());
  await choose();
}
