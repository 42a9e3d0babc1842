// Browser tests: @web/test-runner in Debian's headless Chromium (see docs/testing.md).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { summaryReporter } from './test/support/wtr-summary-reporter.mjs';
import { brokerPlugin } from './test/support/wtr-broker-plugin.mjs';
import { cdpPlugin } from './test/support/wtr-cdp-plugin.mjs';
import { transcriptPlugin } from './test/support/wtr-transcript-plugin.mjs';
import { a11ySnapshotPlugin } from '@web/test-runner-commands/plugins';
import { defaultReporter } from '@web/test-runner';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

const executablePath = chromiumPath();
// One time zone for every machine (Chromium takes it from the environment): the transcripts say clock times.
process.env.TZ = 'Europe/Copenhagen';

const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self' ws: http://localhost:*",
  "img-src 'self' data:",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html',
].join('; ');

export default {
  files: ['test/browser/**/*.test.ts', '!test/browser/**/*.csp.test.ts'],
  groups: [
    // The same element in a page with a strict CSP: Trusted Types required (only Lit's policy), no inline styles.
    {
      name: 'strict-csp',
      files: ['test/browser/**/*.csp.test.ts'],
      testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="da">
  <head>
    <meta http-equiv="Content-Security-Policy" content="${STRICT_CSP}" />
  </head>
  <body>
    <script type="module" src="${testFramework}"></script>
  </body>
</html>`,
    },
  ],
  nodeResolve: { browser: true, exportConditions: ['development', 'browser'] },
  hostname: 'localhost',
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  plugins: [
    brokerPlugin(),
    cdpPlugin(),
    transcriptPlugin(),
    a11ySnapshotPlugin(),
    esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' }),
  ],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs } })],
  reporters: [defaultReporter(), summaryReporter()],
};
