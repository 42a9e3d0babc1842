/**
 * A small JSON client over node:http with keep-alive, for loopback traffic to the bench broker only. `port()` lends
 * it to the simulated app (testing/node/app-device.ts), so the app's timed calls use the same pooled sockets.
 */
import http from 'node:http';
import type { HttpPort } from '../testing/node/index.js';

export interface JsonResponse<T = unknown> {
  status: number;
  body: T;
}

export class JsonClient {
  readonly agent: http.Agent;
  private readonly base: URL;

  constructor(
    base: string,
    private readonly origin: string,
    maxSockets = 64,
  ) {
    this.base = new URL(base);
    if (this.base.hostname !== '127.0.0.1') throw new Error('bench traffic goes to 127.0.0.1 only');
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
  }

  request<T>(
    method: 'GET' | 'POST',
    path: string,
    token?: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ): Promise<JsonResponse<T>> {
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: http.OutgoingHttpHeaders = { origin: this.origin, accept: 'application/json', ...extraHeaders };
    if (token) headers.authorization = `Bearer ${token}`;
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    return new Promise((resolve, reject) => {
      const request = http.request(
        { host: this.base.hostname, port: this.base.port, method, path, headers, agent: this.agent },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            try {
              resolve({ status: response.statusCode ?? 0, body: (text ? JSON.parse(text) : undefined) as T });
            } catch (error) {
              reject(error as Error);
            }
          });
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(payload);
    });
  }

  /** Like request, but throws unless the status is 2xx. */
  async ok<T>(method: 'GET' | 'POST', path: string, token?: string, body?: unknown): Promise<T> {
    const response = await this.request<T>(method, path, token, body);
    if (response.status < 200 || response.status > 299)
      throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  /** This client as the simulated app's HTTP port. */
  port(): HttpPort {
    return {
      request: async (method, path, { token, body, headers } = {}) => {
        const response = await this.request(method, path, token, body, headers);
        return { status: response.status, json: () => response.body };
      },
    };
  }

  close(): void {
    this.agent.destroy();
  }
}
