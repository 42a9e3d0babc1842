/**
 * `mitid-login/testing/node`: the Node half of the testing kit (docs/testing.md). The broker fixture (the
 * reference broker in process, a documented test identity set), the simulated authenticators (the MitID app with a
 * real device key, the code display and audio code reader), and the element harness driving a Playwright page.
 */
export {
  startBroker,
  TEST_CLIENT_ID,
  type BrokerFixture,
  type BrokerFixtureOptions,
  type BrokerFixtureSettings,
  type TestClient,
} from './broker.js';
export { testIdentities, testPassword, TEST_USERS, type TestIdentity } from './identities.js';
export { AppDevice, AppDeviceError, AppReply, parseAppLink, type Activation } from './app-device.js';
export { signDecision } from './device-signature.js';
export type { AppDecision, AppRequest } from '../../protocol/app-api.js';
export { CodeDevice, type CodeDeviceKind } from './code-device.js';
export {
  fetchPort,
  injectPort,
  type HttpMethod,
  type HttpPort,
  type HttpReply,
  type HttpRequestOptions,
  type Injectable,
} from './http-port.js';
export { freePort } from './free-port.js';
export { VirtualChip, type ChipEnrolmentBroker } from './chip.js';
export { PageHarness, type PageHarnessOptions, type SuccessDetail } from './playwright.js';
