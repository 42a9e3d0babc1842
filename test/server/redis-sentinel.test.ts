/**
 * Redis with Sentinel: `REDIS_URL=redis+sentinel://host:port/<primary>`. Two instances follow the primary that
 * Sentinel names; when the primary dies, Sentinel promotes the replica and the instances carry on there with the
 * sessions they had (a session started before the failover completes after it).
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from '../../server/clock.js';
import { identity } from './support/broker.js';
import { freePort, SKIP_WITHOUT_REDIS, startInstance, type Instance } from './support/redis.js';
import { openStream } from './support/sse.js';
import { waitFor } from '../support/wait-for.js';

const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();

// Redis, its replica and Sentinel tell their state only when asked (PING, INFO, SENTINEL …): polled, with a deadline.
const until = (check: () => boolean, what: string) => waitFor(check, what, { timeoutMs: 15_000, intervalMs: 50 });

describe('Redis Sentinel', { skip: SKIP_WITHOUT_REDIS }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-sentinel-'));
  const processes: ChildProcess[] = [];
  let primary: number;
  let replica: number;
  let sentinel: number;
  let primaryProcess: ChildProcess;

  const server = (...args: string[]) => {
    const child = spawn('redis-server', args, { stdio: 'ignore' });
    processes.push(child);
    return child;
  };

  before(async () => {
    [primary, replica, sentinel] = await Promise.all([freePort(), freePort(), freePort()]);
    const base = ['--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir];
    primaryProcess = server('--port', String(primary), ...base);
    await until(() => cli(primary, 'ping') === 'PONG', 'the primary');
    server('--port', String(replica), ...base, '--replicaof', '127.0.0.1', String(primary));
    await until(() => cli(replica, 'info', 'replication').includes('master_link_status:up'), 'the replica');
    const config = path.join(dir, 'sentinel.conf');
    writeFileSync(
      config,
      [
        `port ${sentinel}`,
        'bind 127.0.0.1',
        `dir ${dir}`,
        `sentinel monitor main 127.0.0.1 ${primary} 1`,
        'sentinel down-after-milliseconds main 500',
        'sentinel failover-timeout main 3000',
        '',
      ].join('\n'),
    );
    server(config, '--sentinel');
    await until(
      () => cli(sentinel, 'sentinel', 'get-master-addr-by-name', 'main').includes(String(primary)),
      'Sentinel',
    );
    // Sentinel must have seen the replica before it can promote it.
    await until(
      () => cli(sentinel, 'sentinel', 'replicas', 'main').includes(String(replica)),
      'the replica in Sentinel',
    );
  });

  after(() => {
    for (const child of processes) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs on the primary Sentinel names, and survives a failover with its sessions', async () => {
    const url = `redis+sentinel://127.0.0.1:${sentinel}/main`;
    const clock = new ManualClock(Date.now());
    const instances: Instance[] = await Promise.all([startInstance(url, clock), startInstance(url, clock)]);
    const [a, b] = instances as [Instance, Instance];
    try {
      const seed = identity('bo.kodeviser');
      const session = await a.createSession();
      const sessionUrl = `/v1/sessions/${session.id}`;
      await b.call('POST', `${sessionUrl}/method`, session.token, { method: 'code-display' });
      assert.equal(cli(primary, 'exists', `mitid:s:{${session.id}}`), '1', 'written to the primary');
      // The write reached the replica before the primary goes.
      cli(primary, 'wait', '1', '2000');

      primaryProcess.kill('SIGKILL');
      await until(
        () => cli(sentinel, 'sentinel', 'get-master-addr-by-name', 'main').includes(String(replica)),
        'the failover',
      );
      // The instances find the new primary by themselves; /readyz (what a load balancer polls) says when.
      // Both: the stream is on B, the code goes through A, and B's subscriber carries A's event to the stream.
      for (const instance of [a, b]) {
        let status = 0;
        await waitFor(
          async () => (status = (await instance.call('GET', '/readyz', undefined)).statusCode) === 200,
          'the instance to be ready again after the failover (/readyz 200)',
          { timeoutMs: 15_000, intervalMs: 100 },
        );
        assert.equal(status, 200, 'ready again after the failover');
      }

      const stream = await openStream(`${b.base}${sessionUrl}/events`, session.token, 2);
      clock.advance(30_000);
      const code = await a.call('POST', `${sessionUrl}/code`, session.token, {
        code: a.totp(seed.totp?.['code-display'] ?? ''),
      });
      assert.equal(code.statusCode, 200, code.body);
      assert.equal((await stream.next()).hint, 'password-required');
      await b.call('POST', `${sessionUrl}/password`, session.token, { password: seed.password });
      const done = await stream.next();
      assert.equal(done.status, 'complete');
      assert.equal(done.seq, 4);
    } finally {
      await Promise.allSettled(instances.map((instance) => instance.close()));
    }
  });
});
