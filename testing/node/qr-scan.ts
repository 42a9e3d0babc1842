/**
 * Reading the element's QR code from the page's pixels, as the phone's camera does: a screenshot of the QR as
 * Chromium painted it, decoded (pngjs) and read (jsQR, the reader the demo app uses). So a bank's test that logs in
 * by scanning also proves that its page shows a QR a camera can read: not hidden, not clipped, not recoloured by
 * the page's CSS into something without contrast. The two packages are optional peer dependencies, loaded on the
 * first scan only.
 */
import type { Locator } from 'playwright-core';
import type jsQRModule from 'jsqr';

type Decode = (png: Buffer) => string | null;

let decoder: Promise<Decode> | undefined;

// Both are CommonJS: under NodeNext the default import is the module object, the function (or class) itself.
function loadDecoder(): Promise<Decode> {
  decoder ??= (async () => {
    const [pngModule, jsqrModule] = await Promise.all([import('pngjs'), import('jsqr')]);
    const { PNG } = (pngModule as unknown as { default?: typeof pngModule }).default ?? pngModule;
    type JsQr = typeof jsQRModule.default;
    const jsQR: JsQr = (jsqrModule as unknown as { default?: JsQr }).default ?? (jsqrModule as unknown as JsQr);
    return (png: Buffer) => {
      const image = PNG.sync.read(png);
      const data = new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
      return jsQR(data, image.width, image.height, { inversionAttempts: 'dontInvert' })?.data ?? null;
    };
  })();
  return decoder;
}

/** What a camera reads from one screenshot of `qr`; `null` when it reads nothing. */
export async function readQrOnce(qr: Locator, timeoutMs: number): Promise<string | null> {
  const decode = await loadDecoder();
  return decode(await qr.screenshot({ type: 'png', animations: 'disabled', timeout: timeoutMs }));
}

/**
 * The text of the QR code `qr` shows, once a screenshot of it reads; a few tries (the QR is redrawn as its frames
 * change, and a screenshot may fall between two), then an error that says what was on the page.
 */
export async function scanQr(qr: Locator, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  await qr.waitFor({ state: 'visible', timeout: timeoutMs });
  for (let attempt = 1; ; attempt += 1) {
    const text = await readQrOnce(qr, Math.max(1, deadline - Date.now()));
    if (text) return text;
    if (Date.now() >= deadline || attempt >= 5) {
      throw new Error(`the QR code on the page does not read (${attempt} screenshots): is it hidden or recoloured?`);
    }
  }
}
