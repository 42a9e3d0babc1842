// Browser tests: @web/test-runner in Debian's headless Chromium (see docs/testing.md).
import { chromeLauncher } from '@web/test-runner-chrome';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { qrcodeAsEsm } from './test/support/wtr-qrcode-plugin.mjs';
import { summaryReporter } from './test/support/wtr-summary-reporter.mjs';
import { brokerPlugin } from './test/support/wtr-broker-plugin.mjs';
import { defaultReporter } from '@web/test-runner';
import { chromiumPath, chromiumArgs } from './scripts/chromium.mjs';

const executablePath = chromiumPath();

export default {
  files: ['test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['development', 'browser'] },
  hostname: 'localhost',
  concurrency: 2,
  testFramework: { config: { timeout: 5000 } },
  plugins: [brokerPlugin(), qrcodeAsEsm(), esbuildPlugin({ ts: true, tsconfig: 'tsconfig.json', target: 'es2022' })],
  browsers: [chromeLauncher({ launchOptions: { executablePath, headless: true, args: chromiumArgs } })],
  reporters: [defaultReporter(), summaryReporter()],
};
