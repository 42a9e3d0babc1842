/**
 * The app's ways to scan a QR code without a camera: read it off a shared screen or window, choose a screenshot,
 * paste a screenshot (Ctrl+V / Cmd+V anywhere on the home view), or paste or type the frame's text. Each found frame
 * goes to `scanFrame`; what goes wrong is said in the scan section's alert.
 */
import { announce, byId } from '../shared/dom.js';
import { readQrFromImage, readQrFromScreen } from './qr-reader.js';

export function wireScanning(status: HTMLElement, scanFrame: (frame: string) => Promise<void>): void {
  const error = byId('scan-error');
  const text = byId<HTMLInputElement>('scan-text');

  async function scanImageFile(file: Blob): Promise<void> {
    const frame = await readQrFromImage(file).catch(() => null);
    if (frame) await scanFrame(frame);
    else error.textContent = 'Der blev ikke fundet nogen QR-kode i billedet.';
  }

  async function scanScreen(): Promise<void> {
    if (!navigator.mediaDevices?.getDisplayMedia) {
      error.textContent = 'Denne browser kan ikke dele skærmen. Indsæt QR-kodens tekst i stedet.';
      return;
    }
    announce(status, 'Vælg det vindue, hvor QR-koden vises …');
    try {
      const frame = await readQrFromScreen(new AbortController().signal);
      if (frame) await scanFrame(frame);
      else error.textContent = 'Der blev ikke fundet nogen QR-kode.';
    } catch {
      error.textContent = 'Skærmen blev ikke delt.';
    }
    announce(status, '');
  }

  // Pasting into the text field itself keeps the ordinary behaviour; anywhere else a screenshot of the QR code is
  // read with jsQR, and a frame's text is scanned as it is.
  function handlePaste(event: ClipboardEvent): void {
    if (byId('view-home').hidden || event.target === text) return;
    const items = [...(event.clipboardData?.items ?? [])];
    const image = items.find((item) => item.kind === 'file' && item.type.startsWith('image/'))?.getAsFile();
    const pasted = event.clipboardData?.getData('text/plain').trim() ?? '';
    if (image) {
      event.preventDefault();
      void scanImageFile(image);
    } else if (pasted.startsWith('MQR')) {
      event.preventDefault();
      void scanFrame(pasted);
    }
  }

  byId<HTMLFormElement>('scan-form').addEventListener('submit', (event) => {
    event.preventDefault();
    void scanFrame(text.value);
  });
  byId('scan-screen').addEventListener('click', () => void scanScreen());
  document.addEventListener('paste', handlePaste);
  byId<HTMLInputElement>('scan-image').addEventListener('change', (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = '';
    if (file) void scanImageFile(file);
  });
}
