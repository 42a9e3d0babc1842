/**
 * The usual rig of a multi-instance suite: one redis-server, three broker instances on it started together (so they
 * agree on one signing key and one set of secrets) on one manual clock, and Anna's phone activated by letter
 * through the first. Call it inside `describe`; read the parts inside tests (they exist once `before` has run).
 */
import { after, before } from 'node:test';
import { ManualClock } from '../../../server/clock.js';
import type { AppDevice } from '../../../testing/node/index.js';
import { identity } from './broker.js';
import { activateByLetter } from './identity.js';
import { RedisServer, startInstance, type Instance } from './redis.js';

export interface ThreeInstances {
  readonly clock: ManualClock;
  readonly redis: RedisServer;
  readonly a: Instance;
  readonly b: Instance;
  readonly c: Instance;
  /** anna.app's phone, activated through `a`. */
  readonly phone: AppDevice;
  /** Closes the three instances and starts three new ones on the same Redis (the phone stays activated). */
  restart(): Promise<void>;
}

export function useThreeInstances(): ThreeInstances {
  const clock = new ManualClock(Date.now());
  let parts: { redis: RedisServer; a: Instance; b: Instance; c: Instance; phone: AppDevice } | undefined;
  let redis: RedisServer | undefined;
  let instances: Instance[] = [];
  // Started together: they agree on one signing key and one set of secrets.
  const startThree = async (url: string) => {
    instances = await Promise.all([startInstance(url, clock), startInstance(url, clock), startInstance(url, clock)]);
    return instances as [Instance, Instance, Instance];
  };
  before(async () => {
    redis = await RedisServer.start();
    const [a, b, c] = await startThree(redis.url);
    const phone = await activateByLetter(a, identity('anna.app').userId, 'Annas telefon');
    parts = { redis, a, b, c, phone };
  });
  after(async () => {
    await Promise.allSettled(instances.map((instance) => instance.close()));
    await redis?.dispose();
  });
  const started = () => {
    if (!parts) throw new Error('useThreeInstances(): not started yet (use it inside a test)');
    return parts;
  };
  return {
    clock,
    get redis() {
      return started().redis;
    },
    get a() {
      return started().a;
    },
    get b() {
      return started().b;
    },
    get c() {
      return started().c;
    },
    get phone() {
      return started().phone;
    },
    async restart() {
      const current = started();
      await Promise.all(instances.map((instance) => instance.close()));
      const [a, b, c] = await startThree(current.redis.url);
      parts = { ...current, a, b, c };
    },
  };
}
