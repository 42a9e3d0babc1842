// Subresource Integrity hashes of the single-file build: `npm run sri` (after `npm run build`) prints one line per
// file, `sha384-… dist/mitid-login.js` first, then each lazy chunk in dist/chunks/. Every build has new hashes:
// compute them from the files you deploy, never copy them from the docs.
//   --json            {"mitid-login.js": "sha384-…", "chunks/….js": "sha384-…"}
//   --importmap BASE  an import map whose `integrity` covers the entry and every chunk served under BASE
//                     (e.g. /mitid/), for browsers that check the integrity of modules loaded by import()
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));

/** @param {Buffer | string} content @returns {string} */
export function sri(content) {
  return `sha384-${createHash('sha384').update(content).digest('base64')}`;
}

/** The entry, then the chunks (sorted), as paths relative to dist/. @returns {{file: string, integrity: string}[]} */
export function hashes(distDir = dist) {
  const entry = path.join(distDir, 'mitid-login.js');
  if (!existsSync(entry)) throw new Error('dist/mitid-login.js is missing: run `npm run build` first.');
  const chunkDir = path.join(distDir, 'chunks');
  const chunks = existsSync(chunkDir)
    ? readdirSync(chunkDir)
        .filter((file) => file.endsWith('.js'))
        .sort()
        .map((file) => `chunks/${file}`)
    : [];
  return ['mitid-login.js', ...chunks].map((file) => ({
    file,
    integrity: sri(readFileSync(path.join(distDir, file))),
  }));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const list = hashes();
  const mapAt = args.indexOf('--importmap');
  if (mapAt !== -1) {
    const base = args[mapAt + 1];
    if (!base) throw new Error('--importmap needs the URL path the files are served from, e.g. /mitid/');
    const prefix = base.endsWith('/') ? base : `${base}/`;
    const integrity = Object.fromEntries(list.map(({ file, integrity }) => [`${prefix}${file}`, integrity]));
    console.log(JSON.stringify({ integrity }, null, 2));
  } else if (args.includes('--json')) {
    console.log(JSON.stringify(Object.fromEntries(list.map(({ file, integrity }) => [file, integrity])), null, 2));
  } else {
    for (const { file, integrity } of list) console.log(`${integrity} dist/${file}`);
  }
}
