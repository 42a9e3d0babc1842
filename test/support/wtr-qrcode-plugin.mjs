// The dev server serves ES modules only, and `qrcode` is CommonJS: bundle it once with esbuild and serve it as
// an ES module in its place (the production bundle gets the same through @rollup/plugin-commonjs).
import { build } from 'esbuild';
import { createRequire } from 'node:module';

const VIRTUAL_PATH = '/__esm/qrcode.js';

export function qrcodeAsEsm() {
  let bundled;
  return {
    name: 'qrcode-as-esm',
    resolveImport({ source }) {
      if (source === 'qrcode') return VIRTUAL_PATH;
      return undefined;
    },
    async serve(context) {
      if (context.path !== VIRTUAL_PATH) return undefined;
      bundled ??= build({
        entryPoints: [createRequire(import.meta.url).resolve('qrcode/lib/browser.js')],
        bundle: true,
        format: 'esm',
        write: false,
        platform: 'browser',
      }).then((result) => result.outputFiles[0].text);
      return { body: await bundled, type: 'js' };
    },
  };
}
