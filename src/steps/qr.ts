/**
 * The QR code: the `uqr` encoder (small, ESM, no dependencies) is loaded by a dynamic import only when the app step shows, and its module
 * matrix is drawn as one SVG path by a Lit `svg` template (no markup strings, so CSP and Trusted Types stay happy).
 */
import { svg, type SVGTemplateResult } from 'lit';

export interface QrMatrix {
  size: number;
  path: string;
}

/** The encoder's one call the element uses: text to module matrix (`uqr`, a port of Nayuki's QR generator). */
export type QrEncoder = (
  text: string,
  options: { ecc: 'M'; border: number },
) => { size: number; data: readonly (readonly boolean[])[] };

let encoder: Promise<QrEncoder> | undefined;

export function loadQrEncoder(): Promise<QrEncoder> {
  encoder ??= import('uqr').then((module) => module.encode);
  return encoder;
}

export function qrMatrix(encode: QrEncoder, text: string): QrMatrix {
  // The quiet zone is drawn by renderQr, so the matrix has none.
  const { size, data } = encode(text, { ecc: 'M', border: 0 });
  let path = '';
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      if (data[row]![column]) path += `M${column} ${row}h1v1h-1z`;
    }
  }
  return { size, path };
}

export function renderQr(matrix: QrMatrix, label: string): SVGTemplateResult {
  const quiet = 4;
  const box = matrix.size + quiet * 2;
  return svg`<svg viewBox="${-quiet} ${-quiet} ${box} ${box}" role="img" aria-label=${label} shape-rendering="crispEdges"><rect x=${-quiet} y=${-quiet} width=${box} height=${box} fill="#ffffff"></rect><path d=${matrix.path} fill="#000000"></path></svg>`;
}
