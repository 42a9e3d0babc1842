/**
 * Scanning without a camera. The app reads a QR code from pixels with jsQR: from a shared screen or window (when
 * the login page and the app are on one screen, `getDisplayMedia` lets the user pick the login page's window),
 * or from a pasted or chosen screenshot. Pasting the frame's text needs none of this.
 */
import jsQRModule from 'jsqr';

// jsQR is CommonJS whose typings claim an ES default export; under NodeNext the default import is the CommonJS
// module object, which is the function itself and also carries `.default`.
type JsQr = typeof jsQRModule.default;
const jsQR: JsQr = (jsQRModule as unknown as { default?: JsQr }).default ?? (jsQRModule as unknown as JsQr);

function decode(image: ImageData): string | null {
  return jsQR(image.data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
}

function pixels(source: CanvasImageSource, width: number, height: number): ImageData {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas');
  context.drawImage(source, 0, 0, width, height);
  return context.getImageData(0, 0, width, height);
}

/** Reads a QR code from an image file (a screenshot of the login page). */
export async function readQrFromImage(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decode(pixels(bitmap, bitmap.width, bitmap.height));
  } finally {
    bitmap.close();
  }
}

/**
 * Shares a screen or window and looks for a QR code in it a few times a second, until one is found, `signal`
 * aborts, or `timeoutMs` passes. The capture stops in every case.
 */
export async function readQrFromScreen(signal: AbortSignal, timeoutMs = 20_000): Promise<string | null> {
  const stream = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
  const video = document.createElement('video');
  video.muted = true;
  video.srcObject = stream;
  try {
    await video.play();
    const deadline = Date.now() + timeoutMs;
    while (!signal.aborted && Date.now() < deadline) {
      if (video.videoWidth > 0) {
        const found = decode(pixels(video, video.videoWidth, video.videoHeight));
        if (found) return found;
      }
      await new Promise((resolve) => requestAnimationFrame(resolve));
    }
    return null;
  } finally {
    for (const track of stream.getTracks()) track.stop();
    video.srcObject = null;
  }
}
