/**
 * Builds this run's single-file bundle (dist/mitid-login.js + chunks/) with the project's own rollup config, into a
 * private temporary directory: the size and browser measurements then read the same bytes, and the shared dist/
 * (which other commands rebuild at any time) is left alone.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup, type OutputOptions, type RollupOptions } from 'rollup';

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Snapshot {
  /** Holds `dist/`, laid out like the repository's. */
  root: string;
  dist: string;
  remove(): void;
}

export async function buildSnapshot(): Promise<Snapshot> {
  const configUrl = new URL('../rollup.config.mjs', import.meta.url).href;
  const configs = ((await import(configUrl)) as { default: RollupOptions[] }).default;
  const single = configs.find((config) => {
    const output = config.output as OutputOptions | undefined;
    return !Array.isArray(output) && output?.entryFileNames === 'mitid-login.js';
  });
  if (!single) throw new Error('rollup.config.mjs has no single-file (mitid-login.js) build');
  const root = mkdtempSync(path.join(tmpdir(), 'mitid-bench-'));
  const dist = path.join(root, 'dist');
  // The config's paths (src/define.ts, tsconfig.json) are relative to the repository.
  const cwd = process.cwd();
  process.chdir(repositoryRoot);
  try {
    const bundle = await rollup({ ...single, onwarn: () => undefined });
    await bundle.write({ ...(single.output as OutputOptions), dir: dist, sourcemap: false });
    await bundle.close();
  } finally {
    process.chdir(cwd);
  }
  return { root, dist, remove: () => rmSync(root, { recursive: true, force: true }) };
}
