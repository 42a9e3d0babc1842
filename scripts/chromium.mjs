// Where Chromium is and how to start it here. Browsers are never downloaded on these machines: Debian's
// Chromium (`apt-get install -y chromium`) or whatever CHROME_PATH names.
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable, or null when none is installed. */
export function findChromium() {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((path) => existsSync(path)) ?? null;
}

export const MISSING_CHROMIUM =
  'Chromium not found: install it with `apt-get install -y chromium`, or set CHROME_PATH to a Chromium executable.';

/** Like findChromium, but stops the process with one clear line when there is none. */
export function chromiumPath() {
  const path = findChromium();
  if (!path) {
    console.error(MISSING_CHROMIUM);
    process.exit(1);
  }
  return path;
}

// As root Chromium needs --no-sandbox; the rest keeps it from reaching for a network this machine does not have.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-dev-shm-usage',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
