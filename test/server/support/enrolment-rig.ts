/**
 * The rig of the enrolment activation tests (steps 6 and 7, test/server/enrolment-activation*.test.ts): a broker with
 * the bank's client key per test, enrolments taken to step 7 for a method, the device the broker posts, and the
 * bank's checks of a result. `useEnrolmentRig()` registers the hooks; its helpers read the current test's broker.
 */
import assert from 'node:assert/strict';
import { afterEach, before, beforeEach } from 'node:test';
import type { JSONWebKeySet } from 'jose';
import type { EnrolMethod, EnrolmentView } from '../../../protocol/enrol-api.js';
import { MemoryDevicePost } from '../../../server/enrolment/device-post.js';
import { hashToken } from '../../../server/http/auth.js';
import { CodeDevice } from '../../../testing/node/index.js';
import type { VerifyEnrolmentOptions } from '../../../verify/index.js';
import { PUBLIC_URL, type TestBroker } from './broker.js';
import { CUSTOMER, createdToken, enrolmentBroker, makeKeys, step, type Keys } from './enrolment.js';

export const USER_ID = 'Sol.og.Hav77';
export const PASSWORD = 'grøn tekande i haven';

export function useEnrolmentRig() {
  let keys: Keys;
  let broker: TestBroker;
  before(async () => {
    keys = await makeKeys();
  });
  beforeEach(async () => {
    broker = await enrolmentBroker(keys);
  });
  afterEach(() => broker.close());

  /** An enrolment with steps 2 to 5 done for `method`; its token. */
  async function readyEnrolment(method: EnrolMethod, userId = USER_ID): Promise<string> {
    const token = await createdToken(broker, keys);
    for (const [path, body] of [
      ['terms', { accepted: true }],
      ['method', { method }],
      ['contact', { email: 'maja@eksempel.dk', phone: '20304050' }],
      ['user-id', { user_id: userId }],
    ] as const) {
      const response = await step(broker, token, path, body);
      assert.equal(response.statusCode, 200, `${path}: ${response.body}`);
    }
    return token;
  }

  /** The device the broker sent: its serial (as the page shows it) and the code it shows now (its secret stays inside). */
  async function sentDevice(token: string): Promise<{ serial: string; device: CodeDevice }> {
    const sent = await step(broker, token, 'device');
    assert.equal(sent.statusCode, 200, sent.body);
    const view = sent.json<EnrolmentView>();
    assert.ok(view.device, 'the view names the device sent');
    assert.doesNotMatch(sent.body, /secret/i, 'the secret never leaves the broker');
    return { serial: view.device.serial, device: new CodeDevice(view.device.method, postedSecret(view.device.serial)) };
  }

  /** The secret of the device posted with `serial`: what the embedded post holds, as a simulated device is made. */
  function postedSecret(serial: string): string {
    const post = broker.app.broker.devicePost;
    assert.ok(post instanceof MemoryDevicePost);
    const parcel = post.find(serial);
    assert.ok(parcel, `a device with serial ${serial} was posted`);
    return parcel.secret;
  }

  /** The secret in the enrolment's own record (to tell it from the posted one). */
  async function recordedSecret(token: string): Promise<string> {
    const raw = await broker.app.broker.state.get(`enrol:${hashToken(token)}`);
    const record = JSON.parse(raw ?? '{}') as { device?: { secret: string } };
    assert.ok(record.device);
    return record.device.secret;
  }

  async function jwks(): Promise<JSONWebKeySet> {
    return (await broker.app.inject({ method: 'GET', url: '/.well-known/jwks.json' })).json<JSONWebKeySet>();
  }

  /** The bank's checks of an enrolment result as of the broker's clock now, with `changes` for the case tried. */
  async function resultChecks(changes: Partial<VerifyEnrolmentOptions> = {}): Promise<VerifyEnrolmentOptions> {
    return {
      issuer: PUBLIC_URL,
      audience: 'netbank',
      customerRef: CUSTOMER.customer_ref,
      jwks: await jwks(),
      currentDate: new Date(broker.clock.now()),
      ...changes,
    };
  }

  function activate(token: string, body: { serial: string; code: string; password: string }) {
    return step(broker, token, 'device/activate', body);
  }

  return {
    get broker() {
      return broker;
    },
    get keys() {
      return keys;
    },
    readyEnrolment,
    sentDevice,
    postedSecret,
    recordedSecret,
    jwks,
    resultChecks,
    activate,
  };
}
