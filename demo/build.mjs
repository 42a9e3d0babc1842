// Builds the demo pages' scripts (TypeScript under demo/pages/) into dist/demo/, which demo/mount.ts serves at
// /assets/js/. One ES module per page; shared code lands in chunks. Run after the SDK build (scripts/build.mjs
// empties dist/ first). `npm start` and scripts/test-build.mjs (the build the end-to-end and examples tests use)
// call it; `node demo/build.mjs` runs it alone.
import { build } from 'esbuild';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const pages = fileURLToPath(new URL('./pages/', import.meta.url));
const outdir = fileURLToPath(new URL('../dist/demo/', import.meta.url));
const ssrClient = fileURLToPath(new URL('../examples/ssr/client.ts', import.meta.url));

export async function buildDemo() {
  const entryPoints = readdirSync(pages)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => ({ in: `${pages}${file}`, out: file.slice(0, -3) }));
  const common = {
    bundle: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    sourcemap: true,
    minify: true,
    logLevel: 'warning',
    tsconfig: fileURLToPath(new URL('../tsconfig.json', import.meta.url)),
  };
  // The server-rendered example's script (examples/ssr/) is one file of its own: Lit's hydration support must run
  // before Lit defines LitElement, which a chunk shared with the other pages would evaluate first.
  await build({ ...common, entryPoints: [{ in: ssrClient, out: 'examples-ssr' }], outdir });
  await build({
    ...common,
    entryPoints,
    outdir,
    splitting: true,
    chunkNames: 'chunks/[name]-[hash]',
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  await buildDemo();
}
