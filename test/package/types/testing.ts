// Types a bank's test code gets from `mitid-login/testing` (browser and Node) and `mitid-login/testing/node`.
import { FakeClock, LoginHarness, ScriptedTransport, WORDS, type AppScriptStep } from 'mitid-login/testing';
import type { AppDevice, CodeDevice } from 'mitid-login/testing/node';
import {
  PageHarness,
  startBroker,
  testIdentities,
  TEST_USERS,
  type BrokerFixture,
  type TestIdentity,
} from 'mitid-login/testing/node';
import type { Transport } from 'mitid-login';
import type { Page } from 'playwright-core';

const clock = new FakeClock();
const steps: AppScriptStep[] = [
  { after: 10, hint: 'qr-scanned' },
  { after: 10, complete: true },
];
// The scripted transport is a Transport of the main entry (one type, one TransportError).
const transport: Transport = new ScriptedTransport({ clock, app: steps });
// @ts-expect-error an app script step needs `after`
const wrong: AppScriptStep = { complete: true };
const label: string = WORDS.da.userId;

export async function inPage(element: HTMLElement & { step: 'user-id'; updateComplete: Promise<unknown> }) {
  const harness = new LoginHarness(element);
  await harness.enterUserId('test.app');
  // @ts-expect-error chooseMethod takes a method name
  await harness.chooseMethod('sms');
}

export async function inNode(page: Page) {
  const broker: BrokerFixture = await startBroker({ origins: ['http://localhost:3000'] });
  const identities: TestIdentity[] = testIdentities();
  const app: AppDevice = await broker.appDevice(TEST_USERS.app);
  const codes: CodeDevice = broker.codeDevice(TEST_USERS.codeDisplay);
  const code: string = codes.code();
  const harness = new PageHarness(page);
  await harness.enterUserId(TEST_USERS.codeDisplay);
  await harness.chooseMethod('code-display');
  await harness.enterCode(code);
  const step: string = await harness.step();
  // @ts-expect-error the fixture needs the origins of the pages (or clients), not a URL string
  await startBroker('http://localhost:3000');
  await broker.stop();
  void [transport, wrong, label, identities, app, step];
}
