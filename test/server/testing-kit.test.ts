/**
 * mitid-login/testing/node's broker fixture and code devices, in Node: the fixture starts and stops a broker on a
 * free port with fresh secrets each time, refuses a start without page origins, activates app devices only with the
 * right user's letter (the fraudster with a user ID and a phished password gets no app), and the code devices make
 * RFC 6238 codes.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  AppDevice,
  AppDeviceError,
  CodeDevice,
  startBroker,
  testIdentities,
  testPassword,
  TEST_USERS,
  type BrokerFixture,
} from '../../testing/node/index.js';

const ORIGIN = 'http://localhost:3000';

describe('the broker fixture', () => {
  let first: BrokerFixture;
  let second: BrokerFixture;
  before(async () => {
    first = await startBroker({ origins: [ORIGIN] });
    second = await startBroker({ origins: [ORIGIN] });
  });
  after(async () => {
    await first?.stop();
    await second?.stop();
  });

  it('listens on a free port of its own, and serves the broker (its JWKS)', async () => {
    assert.match(first.url, /^http:\/\/localhost:\d+$/);
    assert.notEqual(first.url, second.url);
    const jwks = (await (await fetch(`${first.url}/.well-known/jwks.json`)).json()) as { keys: unknown[] };
    assert.ok(jwks.keys.length > 0);
  });

  it('knows the documented test identity set, each with its password rule, the locked one locked', () => {
    const ids = first.identities.map((identity) => identity.userId).sort();
    assert.deepEqual(ids, Object.values(TEST_USERS).sort());
    for (const identity of first.identities) assert.equal(identity.password, testPassword(identity.userId));
    assert.equal(first.identities.find((identity) => identity.userId === TEST_USERS.locked)?.locked, true);
    assert.deepEqual(first.clients, [{ id: 'netbank', name: 'Test Netbank', origins: [ORIGIN] }]);
  });

  it('gives every fixture (and every identity set) new TOTP secrets', () => {
    const secrets = (fixture: BrokerFixture) => fixture.identities.map((identity) => JSON.stringify(identity.totp));
    assert.notDeepEqual(secrets(first), secrets(second));
    assert.notDeepEqual(testIdentities()[1]!.totp, testIdentities()[1]!.totp);
  });

  it('picks the identity’s code device, and says clearly when there is none', () => {
    assert.equal(first.codeDevice(TEST_USERS.codeReader).kind, 'code-reader');
    assert.equal(first.codeDevice(TEST_USERS.several).kind, 'code-display');
    assert.throws(() => first.codeDevice(TEST_USERS.app), /test\.app has no code device/);
    assert.throws(() => first.codeDevice(TEST_USERS.codeDisplay, 'code-reader'), /has no code-reader/);
    assert.throws(() => first.codeDevice('nobody.here'), /no identity nobody\.here/);
  });

  it('activates an app with a fresh letter; the device lists no requests yet', async () => {
    const phone = await first.appDevice(TEST_USERS.app);
    assert.equal(phone.state, 'active');
    assert.deepEqual(await phone.requests(), []);
  });

  const refused = (error: unknown) =>
    error instanceof AppDeviceError && error.status === 400 && error.code === 'invalid_activation';

  it('refuses an app activated with another user’s letter, and a letter used once', async () => {
    const letter = await first.letter(TEST_USERS.several);
    const stolen = AppDevice.activate(first.port, {
      userId: TEST_USERS.app,
      activationCode: letter,
      name: 'Fraudster phone',
    });
    await assert.rejects(stolen, refused);
    await AppDevice.activate(first.port, { userId: TEST_USERS.several, activationCode: letter, name: 'Phone' });
    const again = AppDevice.activate(first.port, { userId: TEST_USERS.several, activationCode: letter, name: 'Two' });
    await assert.rejects(again, refused);
  });

  it('refuses to start without the origins of the pages that start sessions', async () => {
    await assert.rejects(startBroker(), /give the origins of the pages/);
  });
});

describe('the code devices', () => {
  // RFC 6238 appendix B, SHA-1: the seed "12345678901234567890"; 6 digits are the last 6 of the 8-digit vectors.
  const device = new CodeDevice('code-display', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');

  it('make the RFC 6238 codes', () => {
    assert.equal(device.code(59_000), '287082');
    assert.equal(device.code(1_111_111_109_000), '081804');
    assert.equal(device.code(1_234_567_890_000), '005924');
  });

  it('know the seconds left and the next step’s code (a code is accepted once: the second try waits)', () => {
    assert.equal(device.secondsLeft(59_000), 1);
    assert.equal(device.secondsLeft(60_000), 30);
    assert.equal(device.nextCode(59_000), device.code(60_000));
    assert.notEqual(device.nextCode(59_000), device.code(59_000));
  });

  it('read the time from the clock they are given', () => {
    const onClock = new CodeDevice('code-reader', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ', () => 59_000);
    assert.equal(onClock.code(), '287082');
  });
});
