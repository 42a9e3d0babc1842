/**
 * The simulated MitID audio code reader: large digits, and a button that reads the code aloud digit by digit in
 * Danish with the browser's speech synthesis (each spoken digit is also highlighted on screen).
 */
import { startDevicePage } from './shared/device-picker.js';
import { byId, el, fill } from './shared/dom.js';

const digits = byId<HTMLOListElement>('digits');
const speakButton = byId<HTMLButtonElement>('speak');
const seconds = byId('seconds-left');
const speechStatus = byId('speech-status');
let current = '';

function showDigits(code: string): void {
  if (code === current) return;
  current = code;
  fill(digits, ...[...code].map((digit) => el('li', {}, digit)));
  digits.setAttribute('aria-label', `Engangskode ${[...code].join(' ')}`);
}

function danishVoice(): SpeechSynthesisVoice | undefined {
  return speechSynthesis.getVoices().find((voice) => voice.lang.toLowerCase().startsWith('da'));
}

function readAloud(): void {
  if (!('speechSynthesis' in window)) {
    speechStatus.textContent = 'Din browser kan ikke læse op. Cifrene står på skærmen.';
    return;
  }
  const code = current;
  if (!code) return;
  speechSynthesis.cancel();
  const voice = danishVoice();
  const items = [...digits.children];
  speechStatus.textContent = voice ? 'Læser koden op …' : 'Læser koden op (ingen dansk stemme fundet) …';
  [...code].forEach((digit, index) => {
    const utterance = new SpeechSynthesisUtterance(digit);
    utterance.lang = 'da-DK';
    utterance.rate = 0.8;
    if (voice) utterance.voice = voice;
    utterance.addEventListener('start', () => {
      items.forEach((item, i) => item.classList.toggle('speaking', i === index));
    });
    utterance.addEventListener('end', () => {
      items[index]?.classList.remove('speaking');
      if (index === code.length - 1) speechStatus.textContent = 'Koden er læst op.';
    });
    speechSynthesis.speak(utterance);
  });
}

speakButton.addEventListener('click', readAloud);

void startDevicePage({
  device: 'code-reader',
  onTick(state) {
    showDigits(state.code);
    digits.dataset.code = state.code;
    speakButton.disabled = false;
    seconds.textContent = `Koden skifter om ${state.secondsLeft} sekunder.`;
  },
  onNoDevice() {
    current = '';
    fill(digits);
    delete digits.dataset.code;
    speakButton.disabled = true;
    seconds.textContent = '';
  },
});
