/**
 * The import boundaries of eslint.config.js hold: ESLint (its Node API, with the repository's own config) lints small
 * snippets as if they were files inside each folder, and its boundary rules fire for each forbidden import and stay
 * silent for allowed ones. The snippets exist only in memory; no file is written.
 */
import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const BOUNDARY_RULES = new Set(['@typescript-eslint/no-restricted-imports', 'no-restricted-globals']);

const SDK = 'src/ (the browser SDK) imports only itself, protocol/ and browser libraries.';
const FLOW = 'The flow machine and the transport know nothing of Lit, the steps or the element.';
const BROKER = 'server/ (the broker) may import only protocol/ (the wire contract) of the rest of the repository.';
const PROTOCOL = 'protocol/ is the wire contract: it imports only its own files.';
const VERIFIER = 'verify/ (mitid-login/verify) may import only protocol/ of the rest of the repository.';
const DEMO = 'The demo and the examples use the package by its public entries';
const TESTING = 'testing/ (mitid-login/testing) runs in pages too';
const LOGIN_NOT_ENROL = '<mitid-login> never imports <mitid-enrol> (src/enrol/).';
const ENROL = '<mitid-enrol> (src/enrol/) shares only controllers, styles and the QR drawing';
const TESTING_NODE = 'testing/node/ (mitid-login/testing/node) may import';

interface Case {
  /** Where the snippet pretends to live. */
  filePath: string;
  code: string;
  /** Part of the boundary's message (or of the rule's own, for a global). */
  message: string;
}

const forbidden: Case[] = [
  // The two elements are separate bundles: neither pulls in the other's flow.
  {
    filePath: 'src/probe.ts',
    code: "import { MitidEnrol } from './enrol/mitid-enrol.js';\nexport const probe = MitidEnrol;\n",
    message: LOGIN_NOT_ENROL,
  },
  {
    filePath: 'src/steps/probe.ts',
    code: "import { EnrolClient } from '../enrol/client.js';\nexport const probe = EnrolClient;\n",
    message: LOGIN_NOT_ENROL,
  },
  {
    filePath: 'src/enrol/probe.ts',
    code: "import { initialState } from '../flow/machine.js';\nexport const probe = initialState;\n",
    message: ENROL,
  },
  {
    filePath: 'src/enrol/probe.ts',
    code: "import { MitidLogin } from '../mitid-login.js';\nexport const probe = MitidLogin;\n",
    message: ENROL,
  },
  {
    filePath: 'src/enrol/probe.ts',
    code: "import { readFileSync } from 'node:fs';\nexport const probe = readFileSync;\n",
    message: ENROL,
  },
  { filePath: 'src/flow/probe.ts', code: "import { html } from 'lit';\nexport const probe = html;\n", message: FLOW },
  {
    filePath: 'src/transport/probe.ts',
    code: "import { LitElement } from 'lit';\nexport const probe = LitElement;\n",
    message: FLOW,
  },
  { filePath: 'src/flow/probe.ts', code: 'export const probe = document.title;\n', message: "'document'" },
  {
    filePath: 'src/flow/probe.ts',
    code: "import { buildApp } from '../../server/app.js';\nexport const probe = buildApp;\n",
    message: FLOW,
  },
  {
    filePath: 'server/probe.ts',
    code: "import { MitidLogin } from '../src/mitid-login.js';\nexport const probe = MitidLogin;\n",
    message: BROKER,
  },
  {
    filePath: 'server/routes/probe.ts',
    code: "import { DEMO_IDENTITIES_FILE } from '../../demo/config.js';\nexport const probe = DEMO_IDENTITIES_FILE;\n",
    message: BROKER,
  },
  {
    filePath: 'protocol/probe.ts',
    code: "import { html } from 'lit';\nexport const probe = html;\n",
    message: PROTOCOL,
  },
  {
    filePath: 'verify/probe.ts',
    code: "import { buildApp } from '../server/app.js';\nexport const probe = buildApp;\n",
    message: VERIFIER,
  },
  {
    filePath: 'demo/probe.ts',
    code: "import { MitidLogin } from '../src/index.js';\nexport const probe = MitidLogin;\n",
    message: DEMO,
  },
  {
    filePath: 'demo/rp/probe.ts',
    code: "import { verifyAssertion } from '../../verify/index.js';\nexport const probe = verifyAssertion;\n",
    message: DEMO,
  },
  {
    filePath: 'src/probe.ts',
    code: "import { randomBytes } from 'node:crypto';\nexport const probe = randomBytes;\n",
    message: SDK,
  },
  {
    filePath: 'src/probe.ts',
    code: "import { FakeClock } from '../testing/index.js';\nexport const probe = FakeClock;\n",
    message: SDK,
  },
  {
    filePath: 'src/transport/probe.ts',
    code: "import { ScriptedTransport } from '../../testing/index.js';\nexport const probe = ScriptedTransport;\n",
    message: FLOW,
  },
  {
    filePath: 'server/probe.ts',
    code: "import { AppDevice } from '../testing/node/index.js';\nexport const probe = AppDevice;\n",
    message: BROKER,
  },
  {
    filePath: 'testing/probe.ts',
    code: "import { randomBytes } from 'node:crypto';\nexport const probe = randomBytes;\n",
    message: TESTING,
  },
  {
    filePath: 'testing/harness/probe.ts',
    code: "import { buildApp } from '../../server/app.js';\nexport const probe = buildApp;\n",
    message: TESTING,
  },
  {
    filePath: 'testing/node/probe.ts',
    code: "import { waitFor } from '../../test/support/wait-for.js';\nexport const probe = waitFor;\n",
    message: TESTING_NODE,
  },
  {
    filePath: 'testing/node/probe.ts',
    code: "import { DEMO_IDENTITIES_FILE } from '../../demo/config.js';\nexport const probe = DEMO_IDENTITIES_FILE;\n",
    message: TESTING_NODE,
  },
];

const allowed: Omit<Case, 'message'>[] = [
  {
    filePath: 'testing/probe.ts',
    code: "import { TransportError } from '../src/transport/transport.js';\nexport const probe = TransportError;\n",
  },
  {
    filePath: 'testing/node/probe.ts',
    code: "import { buildApp } from '../../server/app.js';\nexport const probe = buildApp;\n",
  },
  {
    filePath: 'testing/node/probe.ts',
    code: "import { createHash } from 'node:crypto';\nexport const probe = createHash;\n",
  },
  {
    filePath: 'server/sessions/probe.ts',
    code: "import { METHODS } from '../../protocol/page-api.js';\nexport const probe = METHODS;\n",
  },
  { filePath: 'protocol/probe.ts', code: "import { METHODS } from './page-api.js';\nexport const probe = METHODS;\n" },
  {
    filePath: 'demo/rp/probe.ts',
    code: "import type { VerifyOptions } from '../../verify/index.js';\nexport type Probe = VerifyOptions;\n",
  },
];

describe('import boundaries (eslint.config.js)', () => {
  let eslint: ESLint;
  before(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  async function lint(filePath: string, code: string): Promise<Linter.LintMessage[]> {
    const [result] = await eslint.lintText(code, { filePath: `${repoRoot}${filePath}` });
    assert.ok(result, `no lint result for ${filePath}`);
    const fatal = result.messages.filter((message) => message.fatal);
    assert.deepEqual(fatal, [], `${filePath} did not parse`);
    return result.messages;
  }

  for (const { filePath, code, message } of forbidden) {
    const what = code.split('\n')[0];
    it(`refuses in ${filePath}: ${what}`, async () => {
      const boundary = (await lint(filePath, code)).filter((found) => BOUNDARY_RULES.has(found.ruleId ?? ''));
      assert.equal(boundary.length, 1, JSON.stringify(boundary));
      assert.ok(boundary[0]!.message.includes(message), boundary[0]!.message);
    });
  }

  for (const { filePath, code } of allowed) {
    const what = code.split('\n')[0];
    it(`allows in ${filePath}: ${what}`, async () => {
      assert.deepEqual(await lint(filePath, code), []);
    });
  }
});
