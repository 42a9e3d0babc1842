/**
 * Redis connections of one broker instance: one for commands and one for pub/sub, whatever the number of sessions
 * or open event streams. Commands fail fast while Redis is away (no offline queue, short timeouts) so that a
 * request gets `store_unavailable` at once instead of hanging; the client reconnects by itself.
 */
import { Cluster, Redis, type RedisOptions } from 'ioredis';
import { BrokerError } from '../http/errors.js';

export const DEFAULT_KEY_PREFIX = 'mitid:';

export function connectionOptions(name: string, forSubscriber: boolean): RedisOptions {
  return {
    lazyConnect: true,
    connectionName: name,
    // A request waits at most this long for Redis; then it answers 503 store_unavailable.
    commandTimeout: 2000,
    connectTimeout: 2000,
    maxRetriesPerRequest: 1,
    // The subscriber queues SUBSCRIBE while reconnecting; commands fail at once instead.
    enableOfflineQueue: forSubscriber,
    // Commands issued in the same tick (many requests at once) go out in one write.
    enableAutoPipelining: !forSubscriber,
    autoResubscribe: true,
    retryStrategy: (times: number) => Math.min(100 * times, 1000),
  };
}

/**
 * What `REDIS_URL` names: a plain `redis://` / `rediss://` URL, or Sentinel as
 * `redis+sentinel://[[user]:password@]host:26379[,host:26379…]/<primary name>[/<db>]` (the password is the
 * data nodes'; Sentinel itself without one).
 */
export function redisTarget(url: string): { url: string } | RedisOptions {
  const sentinel = /^redis\+sentinel:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)\/([^/]+)(?:\/(\d+))?\/?$/.exec(url);
  if (!sentinel) return { url };
  const [, username, password, hosts = '', primary = '', db] = sentinel;
  return {
    sentinels: hosts.split(',').map((host) => {
      const [hostname = '', port = '26379'] = host.split(':');
      return { host: hostname, port: Number(port) };
    }),
    name: decodeURIComponent(primary),
    ...(username ? { username: decodeURIComponent(username) } : {}),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    ...(db ? { db: Number(db) } : {}),
  };
}

/**
 * Redis Cluster as `redis+cluster://[[user]:password@]host:port[,host:port…]` (any few nodes; the rest are
 * discovered). Every multi-key script touches one session's keys, which share the hash tag `{<id>}`.
 */
function clusterClient(url: string, name: string, forSubscriber: boolean): Cluster | undefined {
  const match = /^redis\+cluster:\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^/]+)\/?$/.exec(url);
  if (!match) return undefined;
  const [, username, password, hosts = ''] = match;
  const { lazyConnect, enableOfflineQueue, enableAutoPipelining, retryStrategy, ...nodeOptions } = connectionOptions(
    name,
    forSubscriber,
  );
  return new Cluster(
    hosts.split(',').map((host) => {
      const [hostname = '', port = '6379'] = host.split(':');
      return { host: hostname, port: Number(port) };
    }),
    {
      lazyConnect: lazyConnect ?? true,
      enableOfflineQueue: enableOfflineQueue ?? false,
      enableAutoPipelining: enableAutoPipelining ?? false,
      clusterRetryStrategy: (times: number) => retryStrategy?.(times) ?? 1000,
      redisOptions: {
        ...nodeOptions,
        ...(username ? { username: decodeURIComponent(username) } : {}),
        ...(password ? { password: decodeURIComponent(password) } : {}),
      },
    },
  );
}

/**
 * A connected client. A Cluster client has the same command methods as a single-node one; it is typed as
 * `Redis` because the stores use only commands both have.
 */
export async function openRedis(url: string, name: string, forSubscriber = false): Promise<Redis> {
  const target = redisTarget(url);
  const options = connectionOptions(name, forSubscriber);
  const cluster = clusterClient(url, name, forSubscriber);
  const client = cluster
    ? (cluster as unknown as Redis)
    : 'url' in target
      ? new Redis(target.url as string, options)
      : new Redis({ ...target, ...options });
  // Errors surface through the commands that fail; a listener keeps them from crashing the process.
  client.on('error', () => {});
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new Error(`Redis at ${withoutPassword(url)} is not reachable: ${(error as Error).message}`);
  }
  return client;
}

/** The URL for a log line: any password replaced. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the configured URL';
  }
}

export function storeUnavailable(): BrokerError {
  return new BrokerError('store_unavailable', 'The session store is unavailable; try again in a moment.');
}

/** Runs a Redis call; anything but a BrokerError becomes `store_unavailable`. */
export async function guard<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof BrokerError) throw error;
    // Only the name and message are kept for the log: ioredis errors may carry the command and its arguments.
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : 'unknown';
    throw Object.assign(storeUnavailable(), { reason });
  }
}
