/**
 * No module over ~350 lines without a reason (issue 16): every git-tracked source file (`.ts`, `.tsx`, `.mjs`, `.js`,
 * `.vue`) of more than MAX_LINES lines must say why in its opening comment, with the words `Long because` and the
 * reason after them. The files are listed by git and read from the working tree, so a new long file fails here
 * the moment it is committed; build output, caches and generated files are left out.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** The style's "~350 lines", with a little slack so that a file is not split for the sake of a few lines. */
const MAX_LINES = 360;
const SOURCE_PATTERNS = ['*.ts', '*.tsx', '*.mjs', '*.js', '*.vue'];
/** Folders whose files are built, installed, cached or reported, never written by hand (also in examples/). */
const OUTPUT_FOLDERS = new Set([
  'node_modules',
  'dist',
  'dist-offline',
  'storybook-static',
  'coverage',
  '.angular',
  'results',
]);
/** Files that tools write: the manifest, and the timestamped config bundles Vite leaves beside a config. */
const GENERATED = [/(^|\/)custom-elements\.json$/, /\.timestamp-\d+(-[0-9a-f]+)?\.m?js$/];
/** At least three words after the marker: a reason, not a bare "Long because." */
const REASON = /Long because\s+\S+\s+\S+\s+\S+/;

function sourceFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '-z', '--', ...SOURCE_PATTERNS], {
    cwd: repoRoot,
    encoding: 'utf8',
  });
  return listed
    .split('\0')
    .filter((file) => file !== '')
    .filter((file) => !file.split('/').some((folder) => OUTPUT_FOLDERS.has(folder)))
    .filter((file) => !GENERATED.some((pattern) => pattern.test(file)))
    .filter((file) => existsSync(path.join(repoRoot, file))); // deleted in the working tree: no longer a module
}

function lineCount(text: string): number {
  if (text === '') return 0;
  const lines = text.split('\n').length;
  return text.endsWith('\n') ? lines - 1 : lines;
}

/**
 * The comment a file opens with: its first block comment, if only a shebang, blank lines and `//` lines come
 * before it (`<!-- … -->` for a .vue file). Its text with the ` * ` margins and line breaks folded to spaces.
 */
function openingComment(text: string, file: string): string | null {
  const rest = text.replace(/^\uFEFF/, '').replace(/^#!.*\n/, '');
  const leading = file.endsWith('.vue')
    ? /^(?:\s|\/\/[^\n]*\n)*<!--([\s\S]*?)-->/.exec(rest)
    : /^(?:\s|\/\/[^\n]*\n)*\/\*([\s\S]*?)\*\//.exec(rest);
  if (!leading) return null;
  return leading[1]!
    .split('\n')
    .map((line) => line.replace(/^\s*\*?\s?/, ''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** `null` if the file is within bounds or says why it is not; otherwise what is wrong with it. */
function sizeProblem(file: string, text: string): string | null {
  const lines = lineCount(text);
  if (lines <= MAX_LINES) return null;
  const comment = openingComment(text, file);
  if (comment !== null && REASON.test(comment)) return null;
  const why = comment === null ? 'no opening block comment' : 'its opening comment gives no "Long because …" reason';
  return `${file}: ${lines} lines (over ${MAX_LINES}; ${why})`;
}

describe('module size: no module over ~350 lines without a reason in its opening comment', () => {
  it('reads the opening comment, and only the opening comment, for the reason', () => {
    const long = (head: string) => `${head}\n${'export const x = 1;\n'.repeat(MAX_LINES)}`;
    assert.equal(sizeProblem('a.ts', long('/**\n * One table.\n * Long because it is one table of cases.\n */')), null);
    assert.equal(
      sizeProblem('a.ts', long('#!/usr/bin/env node\n// tool\n/* Long because one scenario, kept whole. */')),
      null,
    );
    assert.equal(sizeProblem('a.vue', long('<!-- Long because the template is one form. -->')), null);
    assert.match(sizeProblem('a.ts', long('/** A module. */'))!, /^a\.ts: 361 lines .*no "Long because …" reason/);
    assert.match(sizeProblem('a.ts', long('/** Long because. */'))!, /no "Long because …" reason/);
    assert.match(
      sizeProblem('a.ts', long('import x from "y";\n/** Long because it is one table of cases. */'))!,
      /no opening block comment/,
    );
    assert.match(sizeProblem('a.ts', long('// Long because it is one table of cases.'))!, /no opening block comment/);
    assert.equal(sizeProblem('a.ts', 'export const x = 1;\n'.repeat(MAX_LINES)), null, 'at the limit is within it');
  });

  it(`every git-tracked source file over ${MAX_LINES} lines says why in its opening comment`, () => {
    const files = sourceFiles();
    // An empty list would let every module pass: git missing, the patterns wrong, or run outside the repository.
    assert.ok(files.length > 0, `no source files found by \`git ls-files\` in ${repoRoot}`);
    assert.ok(
      files.some((file) => file.startsWith('src/')) && files.some((file) => file.startsWith('test/')),
      `the listed files miss src/ or test/: ${files.slice(0, 5).join(', ')} …`,
    );
    const problems = files
      .map((file) => sizeProblem(file, readFileSync(path.join(repoRoot, file), 'utf8')))
      .filter((problem): problem is string => problem !== null);
    assert.deepEqual(
      problems,
      [],
      `${problems.length} module(s) over ${MAX_LINES} lines without a reason: split each by responsibility, or ` +
        `write "Long because <the reason>" in its opening comment:\n  ${problems.join('\n  ')}`,
    );
  });
});
