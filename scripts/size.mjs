// Bundle sizes of the single-file build: what a page downloads before the user-ID field shows (the entry and
// its static imports), and each lazily loaded chunk. `--check` enforces the budgets (issues 9 and 25), which CI
// runs: the first load, everything together, and each file by its name without the hash, so a failure names the
// chunk that grew. A chunk without a budget fails too: a new chunk is given one on purpose, in this table.
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const KB = 1024;

/**
 * gzip bytes. Each file's budget is its size when the budget was last set plus about 0.2 KB: growth shows at the
 * chunk that grew, long before the totals. Lower a budget when a change makes its file smaller.
 */
export const BUDGET = {
  firstLoadGzip: 16 * KB,
  totalGzip: 39.5 * KB,
  files: {
    'mitid-login.js': 16 * KB,
    'chunks/later-steps.js': 14.4 * KB,
    'chunks/en.js': 3.7 * KB,
    'chunks/qr.js': 3.9 * KB,
    'chunks/webauthn.js': 2.1 * KB,
    // <mitid-enrol> (dist/enrol/): a module of its own, with both its languages; not part of the login's totals.
    // 19.7 KB with the chip (its steps, both languages, the WebAuthn registration): the next bytes to find are the
    // other language's texts, loaded when asked for as <mitid-login> does (issue 25).
    'enrol/mitid-enrol.js': 20.0 * KB,
    'enrol/chunks/qr.js': 3.9 * KB,
  },
};

/** `chunks/qr-dh4k_Dnq.js` → `chunks/qr.js`: the name a budget is given under (the hash changes with the bytes). */
export function budgetName(file) {
  return file.replace(/-[A-Za-z0-9_-]{8}\.js$/, '.js');
}

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
  // <mitid-enrol>'s own module and its chunk: budgeted file by file, outside the login element's totals.
  const enrolDir = path.join(dist, 'enrol');
  const enrolFiles = existsSync(path.join(enrolDir, 'mitid-enrol.js'))
    ? [
        'enrol/mitid-enrol.js',
        ...(existsSync(path.join(enrolDir, 'chunks'))
          ? readdirSync(path.join(enrolDir, 'chunks'))
              .filter((f) => f.endsWith('.js'))
              .map((f) => `enrol/chunks/${f}`)
          : []),
      ]
    : [];
  const separate = enrolFiles.map((file) => {
    const buffer = readFileSync(path.join(dist, file));
    return { file, firstLoad: false, separate: true, raw: buffer.length, gzip: gzip(buffer), brotli: brotli(buffer) };
  });
  return {
    rows: [...rows, ...separate],
    firstLoad: { raw: sum(first, 'raw'), gzip: sum(first, 'gzip'), brotli: sum(first, 'brotli') },
    total: { raw: sum(rows, 'raw'), gzip: sum(rows, 'gzip'), brotli: sum(rows, 'brotli') },
  };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;

/** True when the file of `row` is over its budget, or has none. */
export function fileOverBudget(row, budget = BUDGET) {
  const limit = budget.files[budgetName(row.file)];
  return limit === undefined || row.gzip > limit;
}

/**
 * Every budget `result` breaks, one line each naming the file (or total), its size and its budget; empty when all
 * hold. Checks, in order: each file, then the first load, then everything together.
 */
export function overBudget(result, budget = BUDGET) {
  const over = [];
  for (const row of result.rows.filter((candidate) => fileOverBudget(candidate, budget))) {
    const name = budgetName(row.file);
    const limit = budget.files[name];
    if (limit === undefined)
      over.push(`${row.file}: ${kb(row.gzip)} gzip, and no budget for ${name} in scripts/size.mjs`);
    else over.push(`${row.file}: ${kb(row.gzip)} gzip, over its budget of ${kb(limit)}`);
  }
  if (result.firstLoad.gzip > budget.firstLoadGzip)
    over.push(`first load: ${kb(result.firstLoad.gzip)} gzip, over its budget of ${kb(budget.firstLoadGzip)}`);
  if (result.total.gzip > budget.totalGzip)
    over.push(`everything together: ${kb(result.total.gzip)} gzip, over its budget of ${kb(budget.totalGzip)}`);
  return over;
}

/** How many budgets `--check` holds the build to: one per file, plus the two totals. */
export function budgetCount(result) {
  return result.rows.length + 2;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  let result;
  try {
    result = measure();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
  for (const row of result.rows) {
    const limit = BUDGET.files[budgetName(row.file)];
    console.log(
      `${row.separate ? 'enrol     ' : row.firstLoad ? 'first load' : 'lazy      '}  ${row.file.padEnd(36)} ${kb(row.gzip).padStart(9)} gzip ${kb(row.brotli).padStart(9)} br  (${limit === undefined ? 'no budget' : `budget ${kb(limit)}`})`,
    );
  }
  console.log(
    `first load: ${kb(result.firstLoad.gzip)} gzip (budget ${kb(BUDGET.firstLoadGzip)}), ${kb(result.firstLoad.brotli)} br`,
  );
  console.log(
    `everything: ${kb(result.total.gzip)} gzip (budget ${kb(BUDGET.totalGzip)}), ${kb(result.total.brotli)} br`,
  );
  if (process.argv.includes('--check')) {
    const over = overBudget(result);
    const count = budgetCount(result);
    for (const line of over) console.error(`Over the size budget: ${line}.`);
    console.log(`size: ${count - over.length} passed, ${over.length} failed`);
    process.exit(over.length ? 1 : 0);
  }
}
