/**
 * Hardening II, item 7: a session's event log and the changes that feed it are bounded. A client that flips
 * methods reached ~50 KiB of events after 199 changes; now a session changes method at most `maxMethodChanges`
 * times (then 409 `method_change_limit`), extends at most `maxExtensions` times (409 `extend_limit`), and keeps at
 * most `maxEventsPerSession` events, in memory and in Redis alike.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import type { SessionStatusEvent } from '../../../protocol/page-api.js';
import { ManualClock } from '../../../server/clock.js';
import { DEFAULT_SETTINGS } from '../../../server/settings.js';
import { startBroker, type TestBroker } from '../support/broker.js';
import { RedisServer, SKIP_WITHOUT_REDIS, startInstance } from '../support/redis.js';

const METHODS = ['app', 'code-display', 'code-reader', 'chip'] as const;
const errorOf = (response: LightMyRequestResponse) => response.json<{ error: { code: string } }>().error;

/** Flips methods and asks for more time as long as the broker lets it, and a few times more. */
async function churn(broker: TestBroker, tries: number) {
  const session = await broker.createSession({ user_id: 'bo.kodeviser' });
  const url = `/v1/sessions/${session.id}`;
  const choices: LightMyRequestResponse[] = [];
  const extensions: LightMyRequestResponse[] = [];
  for (let i = 0; i < tries; i += 1) {
    choices.push(await broker.call('POST', `${url}/method`, session.token, { method: METHODS[i % METHODS.length] }));
    extensions.push(await broker.call('POST', `${url}/extend`, session.token));
  }
  const events = await broker.app.broker.store.eventsAfter(session.id, 0);
  return { session, choices, extensions, events };
}

function assertBounded(result: Awaited<ReturnType<typeof churn>>, settings: { changes: number; events: number }) {
  const chosen = result.choices.filter((response) => response.statusCode === 200).length;
  // The first choice is no change; every one after it is.
  assert.equal(chosen, settings.changes + 1, 'the first choice and then maxMethodChanges changes');
  const refused = result.choices.slice(chosen);
  assert.ok(refused.length > 0);
  for (const response of refused) {
    assert.equal(response.statusCode, 409);
    assert.equal(errorOf(response).code, 'method_change_limit');
  }
  const extended = result.extensions.filter((response) => response.statusCode === 200).length;
  assert.equal(extended, DEFAULT_SETTINGS.maxExtensions);
  assert.ok(result.extensions.slice(extended).every((response) => errorOf(response).code === 'extend_limit'));
  assert.ok(result.events.length <= settings.events, `${result.events.length} events kept, at most ${settings.events}`);
  const bytes = result.events.reduce((sum, event) => sum + JSON.stringify(event).length, 0);
  assert.ok(bytes <= 16 * 1024, `the event log holds ${bytes} bytes, at most 16 KiB`);
}

describe('hardening II: a session’s growth', () => {
  it('the documented numbers: 10 method changes, 10 extensions, 32 events per session', () => {
    assert.equal(DEFAULT_SETTINGS.maxMethodChanges, 10);
    assert.equal(DEFAULT_SETTINGS.maxExtensions, 10);
    assert.equal(DEFAULT_SETTINGS.maxEventsPerSession, 32);
  });

  it('199 method changes and extensions: the 11th change answers method_change_limit, the log stays small', async () => {
    const broker = await startBroker();
    const result = await churn(broker, 199);
    assertBounded(result, { changes: 10, events: 32 });
    // The session itself goes on with the method last chosen, and its newest event is its status.
    const status: SessionStatusEvent = await broker.status(result.session.id, result.session.token);
    assert.equal(status.status, 'pending');
    assert.deepEqual(result.events.at(-1), status);
    await broker.close();
  });

  it('the caps are settings', async () => {
    const broker = await startBroker({ settings: { maxMethodChanges: 2, maxEventsPerSession: 5 } });
    const result = await churn(broker, 15);
    assertBounded(result, { changes: 2, events: 5 });
    await broker.close();
  });

  describe('with Redis', { skip: SKIP_WITHOUT_REDIS }, () => {
    let redis: RedisServer;
    before(async () => {
      redis = await RedisServer.start();
    });
    after(async () => {
      await redis?.dispose();
    });

    it('the Redis event log is capped exactly, too', async () => {
      const instance = await startInstance(redis.url, new ManualClock(Date.now()), {
        settings: { maxMethodChanges: 40, maxEventsPerSession: 6 },
      });
      try {
        const result = await churn(instance, 20);
        assert.equal(result.events.length, 6, 'exactly the newest 6 events');
        assert.deepEqual(
          result.events.map((event) => event.seq),
          [0, 1, 2, 3, 4, 5].map((offset) => (result.events.at(-1)?.seq ?? 0) - 5 + offset),
        );
      } finally {
        await instance.close();
      }
    });
  });
});
