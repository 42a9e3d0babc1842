/**
 * The identity picker shared by the code display and the audio code reader: lists the identities that own the
 * device, remembers the choice in the URL fragment (`#bo.kodeviser`), and runs a one-second clock for the code.
 */
import { byId, el, fill } from './dom.js';
import { loadIdentities } from './identities.js';
import { openCodeDevice, type CodeDevice } from './totp.js';

export interface DevicePage {
  device: 'code-display' | 'code-reader';
  onTick(state: { code: string; secondsLeft: number; period: number }): void;
  onNoDevice(): void;
}

export async function startDevicePage(page: DevicePage): Promise<void> {
  const select = byId<HTMLSelectElement>('identity');
  const status = byId('device-status');
  const owners = (await loadIdentities()).filter((identity) => identity.code_devices.includes(page.device));
  fill(
    select,
    ...owners.map((identity) => el('option', { value: identity.user_id }, `${identity.user_id} (${identity.name})`)),
  );
  const wanted = decodeURIComponent(location.hash.slice(1));
  if (owners.some((identity) => identity.user_id === wanted)) select.value = wanted;

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
      device = await openCodeDevice(select.value, page.device);
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
