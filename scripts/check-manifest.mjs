// Fails when custom-elements.json is not what the analyzer makes of the current source.
// The analyzer takes outdir relative to the working directory, so the fresh copy goes to a git-ignored tmp/.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { run } from './run.mjs';

mkdirSync('tmp', { recursive: true });
const outdir = path.relative('.', mkdtempSync(path.join('tmp', 'cem-')));
try {
  await run('cem', ['analyze', '--quiet'], { env: { CEM_OUTDIR: outdir }, stdio: ['ignore', 'ignore', 'inherit'] });
  const fresh = readFileSync(path.join(outdir, 'custom-elements.json'), 'utf8');
  const committed = readFileSync('custom-elements.json', 'utf8');
  if (fresh !== committed) {
    console.error('custom-elements.json is stale: run `npm run analyze` and commit the result.');
    process.exit(1);
  }
  console.log('custom-elements.json is fresh.');
} finally {
  rmSync(outdir, { recursive: true, force: true });
}
