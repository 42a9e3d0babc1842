// Bundle sizes of the single-file build: what a page downloads before the user-ID field shows (the entry and
// its static imports), and each lazily loaded chunk. `--check` enforces the budget (issue 9), which CI runs.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

export const BUDGET = { firstLoadGzip: 20 * 1024, totalGzip: 40 * 1024 };

const dist = 'dist';
const entry = 'mitid-login.js';

const gzip = (buffer) => gzipSync(buffer, { level: 9 }).length;
const brotli = (buffer) => brotliCompressSync(buffer, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

function staticImports(file) {
  const code = readFileSync(path.join(dist, file), 'utf8');
  // Minified static imports look like `import{a as b}from"./chunks/x.js"` or `import"./chunks/x.js"`.
  const found = [...code.matchAll(/import(?:[^"'()]*?from)?\s*["'](\.[^"']+)["']/g)].map((m) => m[1]);
  return found.map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)));
}

export function measure() {
  if (!existsSync(path.join(dist, entry)))
    throw new Error('dist/mitid-login.js is missing: run `npm run build` first.');
  const firstLoad = new Set();
  const queue = [entry];
  while (queue.length) {
    const file = queue.shift();
    if (firstLoad.has(file)) continue;
    firstLoad.add(file);
    queue.push(...staticImports(file));
  }
  const chunks = existsSync(path.join(dist, 'chunks'))
    ? readdirSync(path.join(dist, 'chunks'))
        .filter((f) => f.endsWith('.js'))
        .map((f) => `chunks/${f}`)
    : [];
  const rows = [entry, ...chunks.filter((c) => !firstLoad.has(c)), ...chunks.filter((c) => firstLoad.has(c))].map(
    (file) => {
      const buffer = readFileSync(path.join(dist, file));
      return { file, firstLoad: firstLoad.has(file), raw: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) };
    },
  );
  const sum = (list, key) => list.reduce((total, row) => total + row[key], 0);
  const first = rows.filter((row) => row.firstLoad);
  return {
    rows,
    firstLoad: { raw: sum(first, 'raw'), gzip: sum(first, 'gzip'), brotli: sum(first, 'brotli') },
    total: { raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip'), brotli: sum(rows, 'brotli') },
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

if (import.meta.url === `file://${process.argv[1]}`) {
  let result;
  try {
    result = measure();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  for (const row of result.rows) {
    console.log(
      `${row.firstLoad ? 'first load' : 'lazy      '}  ${row.file.padEnd(36)} ${kb(row.gzip).padStart(9)} gzip ${kb(row.brotli).padStart(9)} br`,
    );
  }
  console.log(
    `first load: ${kb(result.firstLoad.gzip)} gzip (budget ${kb(BUDGET.firstLoadGzip)}), ${kb(result.firstLoad.brotli)} br`,
  );
  console.log(
    `everything: ${kb(result.total.gzip)} gzip (budget ${kb(BUDGET.totalGzip)}), ${kb(result.total.brotli)} br`,
  );
  if (process.argv.includes('--check')) {
    const over = [];
    if (result.firstLoad.gzip > BUDGET.firstLoadGzip) over.push('first load');
    if (result.total.gzip > BUDGET.totalGzip) over.push('everything together');
    const verdict = over.length ? `size: 0 passed, ${over.length} failed` : 'size: 2 passed, 0 failed';
    if (over.length) console.error(`Over the size budget: ${over.join(' and ')}.`);
    console.log(verdict);
    process.exit(over.length ? 1 : 0);
  }
}
