/**
 * The QR code: the `qrcode` encoder is loaded by a dynamic import only when the app step shows, and its module
 * matrix is drawn as one SVG path by a Lit `svg` template (no markup strings, so CSP and Trusted Types stay happy).
 */
import { svg, type SVGTemplateResult } from 'lit';

export interface QrMatrix {
  size: number;
  path: string;
}

interface QrEncoder {
  create(
    text: string,
    options?: { errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H' },
  ): {
    modules: { size: number; get(row: number, column: number): number | boolean };
  };
}

let encoder: Promise<QrEncoder> | undefined;

export function loadQrEncoder(): Promise<QrEncoder> {
  encoder ??= import('qrcode').then((module) => {
    const candidate = module as unknown as QrEncoder & { default?: QrEncoder };
    return typeof candidate.create === 'function' ? candidate : candidate.default!;
  });
  return encoder;
}

export function qrMatrix(qr: QrEncoder, text: string): QrMatrix {
  const { modules } = qr.create(text, { errorCorrectionLevel: 'M' });
  let path = '';
  for (let row = 0; row < modules.size; row += 1) {
    for (let column = 0; column < modules.size; column += 1) {
      if (modules.get(row, column)) path += `M${column} ${row}h1v1h-1z`;
    }
  }
  return { size: modules.size, path };
}

export function renderQr(matrix: QrMatrix, label: string): SVGTemplateResult {
  const quiet = 4;
  const box = matrix.size + quiet * 2;
  return svg`<svg viewBox="${-quiet} ${-quiet} ${box} ${box}" role="img" aria-label=${label} shape-rendering="crispEdges"><rect x=${-quiet} y=${-quiet} width=${box} height=${box} fill="#ffffff"></rect><path d=${matrix.path} fill="#000000"></path></svg>`;
}
