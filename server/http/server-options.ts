/**
 * The HTTP server's timeouts and connection cap (ServerSettings) as Fastify and Node take them. Fastify sets
 * `requestTimeout` (default 0: none), `keepAliveTimeout` and the idle `connectionTimeout` itself; the headers
 * timeout and how often Node looks for overdue requests are options of `http.createServer`, passed through `http`.
 */
import type { FastifyHttpOptions } from 'fastify';
import type { Server } from 'node:http';
import type { AppOptions } from '../options.js';
import { DEFAULT_SERVER_SETTINGS, DEFAULT_SETTINGS, type ServerSettings } from '../settings.js';

export interface ServerOptions {
  fastify: Pick<FastifyHttpOptions<Server>, 'requestTimeout' | 'keepAliveTimeout' | 'connectionTimeout' | 'http'>;
  maxConnections: number;
}

/** Checks the settings against each other and against the status endpoints' quiet times; throws on a bad mix. */
export function serverOptions(options: Pick<AppOptions, 'server' | 'settings'>): ServerOptions {
  const { longPollMaxSeconds, heartbeatMs } = { ...DEFAULT_SETTINGS, ...options.settings };
  // A long-poll and an event stream between heartbeats send nothing for a while, on purpose: the default idle
  // timeout outlasts both (twice the longer), and one that is given must too.
  const quietestMs = Math.max(longPollMaxSeconds * 1000, heartbeatMs);
  const server: ServerSettings = {
    ...DEFAULT_SERVER_SETTINGS,
    connectionTimeoutMs: Math.max(DEFAULT_SERVER_SETTINGS.connectionTimeoutMs, 2 * quietestMs),
    ...options.server,
  };
  if (server.headersTimeoutMs > server.requestTimeoutMs) {
    throw new TypeError('server.headersTimeoutMs must not exceed server.requestTimeoutMs.');
  }
  if (server.connectionTimeoutMs !== 0 && server.connectionTimeoutMs <= quietestMs) {
    throw new TypeError(
      `server.connectionTimeoutMs (${server.connectionTimeoutMs}) must exceed the long-poll wait and the heartbeat ` +
        `interval (${quietestMs} ms), or 0.`,
    );
  }
  return {
    fastify: {
      requestTimeout: server.requestTimeoutMs,
      keepAliveTimeout: server.keepAliveTimeoutMs,
      connectionTimeout: server.connectionTimeoutMs,
      http: {
        requestTimeout: server.requestTimeoutMs,
        headersTimeout: server.headersTimeoutMs,
        connectionsCheckingInterval: server.connectionsCheckingIntervalMs,
      },
    },
    maxConnections: server.maxConnections,
  };
}
