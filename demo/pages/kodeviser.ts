/** The simulated MitID code display: the current 6-digit code and a bar for the time it has left. */
import { startDevicePage } from './shared/device-picker.js';
import { byId } from './shared/dom.js';

const code = byId('code');
const bar = byId<HTMLProgressElement>('time-bar');
const seconds = byId('seconds-left');

void startDevicePage({
  device: 'code-display',
  onTick(state) {
    // Grouped "123 456" for the eye; the data attribute keeps the plain code for copy and for tests.
    code.textContent = `${state.code.slice(0, 3)} ${state.code.slice(3)}`;
    code.dataset.code = state.code;
    bar.max = state.period;
    bar.value = state.secondsLeft;
    seconds.textContent = `${state.secondsLeft} sek. tilbage`;
  },
  onNoDevice() {
    code.textContent = '––– –––';
    delete code.dataset.code;
    seconds.textContent = '';
  },
});
