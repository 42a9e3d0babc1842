/**
 * The little HTTP a simulated authenticator needs (./app-device.ts), as a port with two adapters: a
 * Fastify instance's in-process `inject` (server tests, the browser tests' child broker) and `fetch` against a
 * listening broker (end-to-end tests). The bench wraps its own keep-alive client in the same port (bench/http.ts).
 * No test framework and no Fastify import: the port ships in `mitid-login/testing/node`.
 */

export type HttpMethod = 'GET' | 'POST';

export interface HttpRequestOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string;
  /** Sent as JSON; without a body, no content type is sent either. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface HttpReply {
  readonly status: number;
  /** The parsed JSON body (`undefined` for an empty one). */
  json(): unknown;
}

export interface HttpPort {
  request(method: HttpMethod, path: string, options?: HttpRequestOptions): Promise<HttpReply>;
}

function requestHeaders(
  defaults: Record<string, string>,
  { token, body, headers }: HttpRequestOptions,
): Record<string, string> {
  return {
    ...defaults,
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    ...headers,
  };
}

/** Parses on first use: a reply whose body a caller never reads may be anything. */
function jsonReply(status: number, text: string): HttpReply {
  return { status, json: () => (text ? JSON.parse(text) : undefined) };
}

/** What `injectPort` needs of a Fastify instance (structural, so this module imports no Fastify). */
export interface Injectable {
  inject(options: {
    method: HttpMethod;
    url: string;
    headers: Record<string, string>;
    payload?: string;
  }): PromiseLike<{ statusCode: number; body: string }>;
}

/** Calls go through `app.inject`: no socket, the same routes, hooks and error handling. */
export function injectPort(app: Injectable, defaults: { headers?: Record<string, string> } = {}): HttpPort {
  return {
    async request(method, url, options = {}) {
      const response = await app.inject({
        method,
        url,
        headers: requestHeaders(defaults.headers ?? {}, options),
        ...(options.body === undefined ? {} : { payload: JSON.stringify(options.body) }),
      });
      return jsonReply(response.statusCode, response.body);
    },
  };
}

/** Calls go over the network to `origin` (a listening broker), with `defaults.headers` on every request. */
export function fetchPort(origin: string, defaults: { headers?: Record<string, string> } = {}): HttpPort {
  return {
    async request(method, path, options = {}) {
      const response = await fetch(`${origin}${path}`, {
        method,
        headers: requestHeaders({ accept: 'application/json', ...defaults.headers }, options),
        ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
      });
      return jsonReply(response.status, await response.text());
    },
  };
}
