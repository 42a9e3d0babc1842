/**
 * The device registry builds each device's public key once (server/authenticators/app-devices.ts, PublicKeyCache)
 * but still reads the device's record on every call: a token whose record is gone is refused even though its key is
 * cached.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import type { JsonWebKeyP256 } from '../../protocol/app-api.js';
import { DeviceRegistry, PublicKeyCache } from '../../server/authenticators/app-devices.js';
import { ManualClock } from '../../server/clock.js';
import { hashToken } from '../../server/http/auth.js';
import { PasswordChecker } from '../../server/authenticators/passwords.js';
import { IdentityDirectory } from '../../server/config/identities.js';
import { FailureCounter } from '../../server/identity/failures.js';
import { MemoryOutbox, Notices } from '../../server/identity/notices.js';
import { IdentityRegistry } from '../../server/identity/registry.js';
import { MemorySharedState } from '../../server/stores/shared-state.js';
import { IDENTITIES } from './support/broker.js';

function deviceKey(): JsonWebKeyP256 {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return publicKey.export({ format: 'jwk' }) as JsonWebKeyP256;
}

describe('device public keys', () => {
  it('are built once per device and reused, while every call still reads the device record', async () => {
    const state = new MemorySharedState();
    const clock = new ManualClock(0);
    const directory = await IdentityDirectory.load(IDENTITIES, new PasswordChecker(1024), state);
    const failures = new FailureCounter(clock, state, { limit: 5, blockSchedule: [] });
    const notices = new Notices(state, new MemoryOutbox(), async () => undefined);
    const identities = new IdentityRegistry(clock, state, directory, failures, notices, {
      maxApps: 10,
      maxChips: 10,
      revokedRetentionMs: 1000,
    });
    let deviceReads = 0;
    const get = state.get.bind(state);
    state.get = (key) => ((deviceReads += key.startsWith('dev:') ? 1 : 0), get(key));
    const registry = new DeviceRegistry(clock, state, identities, { idleMs: 60_000 });
    const { token } = await registry.activate('anna.app', deviceKey(), 'Annas telefon', 'letter', 0);
    const first = await registry.authenticate(token);
    const second = await registry.authenticate(token);
    assert.equal(second.publicKey, first.publicKey, 'the same KeyObject, not a new one');
    assert.equal(deviceReads, 2, 'the record was read on each call');
    await state.take(`dev:${hashToken(token)}`); // the device is gone (its record removed)
    await assert.rejects(registry.authenticate(token), { code: 'invalid_device' });
  });

  it('keep at most the configured number, dropping the least recently used', () => {
    const cache = new PublicKeyCache(2);
    const [a, b, c] = [deviceKey(), deviceKey(), deviceKey()];
    const keyA = cache.of(a.x, a.y);
    const keyB = cache.of(b.x, b.y);
    assert.equal(cache.of(a.x, a.y), keyA, 'a is used again, so b is now the oldest');
    cache.of(c.x, c.y);
    assert.equal(cache.size, 2);
    assert.equal(cache.of(a.x, a.y), keyA, 'a was kept');
    assert.equal(cache.size, 2);
    assert.notEqual(cache.of(b.x, b.y), keyB, 'b was dropped, so it is built anew');
    assert.equal(cache.size, 2);
  });
});
