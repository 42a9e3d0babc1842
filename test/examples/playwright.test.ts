/**
 * The Playwright example (examples/playwright: a bank page and its own test on mitid-login/testing alone), run as
 * a bank's CI would run it, against the built package, with Debian's Chromium. The example's test is imported by
 * URL (not a literal path), so the root type-check, which runs without a build, does not follow it: its types are
 * checked after the build by test/package/types.test.ts.
 */
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.mjs';

process.env.CHROMIUM_PATH = chromiumPath();
process.env.CHROMIUM_ARGS = chromiumArgs.join(' ');
await import(new URL('../../examples/playwright/login.test.ts', import.meta.url).href);
