/**
 * `mitid-login/testing`: what a bank's own tests and stories of its pages need, safe in a browser and in Node (no
 * `node:` import): the scripted in-memory transport, a fake clock, and the element harness that drives
 * `<mitid-login>` as a user would. The Node-only parts (broker fixture, simulated authenticators, the Playwright
 * driver) are `mitid-login/testing/node`. Never part of the main entry: docs/testing.md.
 */
export { ScriptedTransport, type ScriptedTransportOptions, type AppScriptStep } from './scripted-transport.js';
export { FakeClock, settle, returnToPage } from './fake-clock.js';
export {
  LoginHarness,
  type HarnessOptions,
  type LoginElement,
  type LoginEventType,
  remoteActor,
  syntheticActor,
  type Actor,
  type Name,
  type NameMatch,
  WORDS,
  type Lang,
  type Words,
} from './harness/login-harness.js';
export { FakeEnrolBroker, type FakeEnrolCall, type FakeEnrolRefusal } from './enrol-broker.js';
