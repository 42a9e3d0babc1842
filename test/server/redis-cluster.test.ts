/**
 * Redis Cluster: `REDIS_URL=redis+cluster://host:port,…`. Three primaries share the slots; sessions spread over
 * them (each session's record and event log share the hash tag `{<id>}`, so its scripts run on one node), and a
 * login started on one instance is followed and approved through another.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QrFrameResponse, SessionStatusEvent } from '../../protocol/page-api.js';
import { ManualClock } from '../../server/clock.js';
import { activateByLetter } from './support/identity.js';
import { identity } from './support/broker.js';
import { freePort, SKIP_WITHOUT_REDIS, startInstance, type Instance } from './support/redis.js';
import { openStream } from './support/sse.js';
import { waitFor } from '../support/wait-for.js';

/** A free port whose cluster bus port (port + 10000) is free too. */
async function clusterPort(taken: number[]): Promise<number> {
  for (;;) {
    const port = await freePort();
    if (port + 10_000 > 65_535 || taken.includes(port)) continue;
    if (await canListen(port + 10_000)) return port;
  }
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

const cli = (port: number, ...args: string[]) =>
  spawnSync('redis-cli', ['-p', String(port), ...args], { encoding: 'utf8' }).stdout.trim();

describe('Redis Cluster', { skip: SKIP_WITHOUT_REDIS }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'mitid-cluster-'));
  const processes: ChildProcess[] = [];
  const ports: number[] = [];
  const clock = new ManualClock(Date.now());
  let a: Instance;
  let b: Instance;

  before(async () => {
    for (let index = 0; index < 3; index += 1) ports.push(await clusterPort(ports));
    for (const port of ports) {
      processes.push(
        spawn(
          'redis-server',
          [
            '--bind',
            '127.0.0.1',
            '--port',
            String(port),
            '--save',
            '',
            '--appendonly',
            'no',
            '--dir',
            dir,
            '--cluster-enabled',
            'yes',
            '--cluster-config-file',
            `nodes-${port}.conf`,
          ],
          { stdio: 'ignore' },
        ),
      );
    }
    // The nodes' readiness and the cluster's state are known only by asking them (PING, CLUSTER INFO): polled.
    for (const port of ports) {
      await waitFor(() => cli(port, 'ping') === 'PONG', `the cluster node on port ${port} to answer PING`, {
        intervalMs: 50,
      });
    }
    spawnSync('redis-cli', ['--cluster', 'create', ...ports.map((port) => `127.0.0.1:${port}`), '--cluster-yes'], {
      stdio: 'ignore',
    });
    await waitFor(
      () => ports.every((port) => cli(port, 'cluster', 'info').includes('cluster_state:ok')),
      'the cluster to form (cluster_state:ok on every node)',
      { timeoutMs: 10_000, intervalMs: 50 },
    );
    const url = `redis+cluster://${ports.map((port) => `127.0.0.1:${port}`).join(',')}`;
    [a, b] = await Promise.all([startInstance(url, clock), startInstance(url, clock)]);
  });

  after(async () => {
    await Promise.allSettled([a?.close(), b?.close()]);
    for (const child of processes) child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('spreads sessions over the shards; a login started on A is followed and approved through B', async () => {
    const anna = identity('anna.app');
    const phone = await activateByLetter(a, anna.userId, 'Annas telefon');
    for (let index = 0; index < 12; index += 1) await (index % 2 ? a : b).createSession();
    const perNode = ports.map((port) => Number(cli(port, 'dbsize')));
    assert.ok(
      perNode.every((count) => count > 0),
      `keys on every node: ${perNode.join(', ')}`,
    );

    const session = await a.createSession({ user_id: anna.userId });
    const stream = await openStream(`${b.base}/v1/sessions/${session.id}/events`, session.token);
    assert.equal((await stream.next()).hint, 'method-required');
    await a.call('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'app' });
    assert.equal((await stream.next()).hint, 'outstanding');
    const frame = (await a.call('GET', `/v1/sessions/${session.id}/qr`, session.token)).json<QrFrameResponse>();
    const onB = phone.via(b.port);
    assert.equal((await onB.scan(frame.frame)).status, 200);
    assert.equal((await stream.next()).hint, 'qr-scanned');
    const [request] = await onB.requests();
    assert.ok(request);
    await onB.open(request.request_id);
    assert.equal((await stream.next()).hint, 'user-signing');
    const decided = await phone.decide(request, 'approve');
    assert.equal(decided.status, 200, decided.text);
    const done = await stream.next();
    assert.equal(done.status, 'complete');
    assert.equal(done.seq, 5);
    assert.equal((await b.status(session.id, session.token)).status, 'complete');

    // The key ring is one key on one shard: the same JWKS on both instances.
    const jwks = await Promise.all(
      [a, b].map(async (instance) => (await instance.call('GET', '/.well-known/jwks.json', undefined)).body),
    );
    assert.equal(jwks[0], jwks[1]);
    const status: SessionStatusEvent = await a.status(session.id, session.token);
    assert.equal(status.seq, 5);
  });
});
