/**
 * The MitID app as the bench plays it, over HTTP against a broker in another process: a P-256 device key, and
 * the app API (activate, list requests, open, decide). test/server/support/app-device.ts does the same through
 * Fastify's in-process `inject`, which cannot reach a child process; the signing input is the shared one of
 * protocol/app-api.ts.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type SessionStatusEvent } from '../protocol/page-api.js';
import {
  type ActivateDeviceResponse,
  type AppDecision,
  type AppRequest,
  type AppRequestsResponse,
} from '../protocol/app-api.js';
import { signDecision } from '../test/support/device-signature.js';
import type { JsonClient } from './http.js';

export class BenchApp {
  private constructor(
    private readonly client: JsonClient,
    readonly userId: string,
    private readonly token: string,
    private readonly privateKey: KeyObject,
  ) {}

  static async activate(client: JsonClient, userId: string, password: string): Promise<BenchApp> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const body = await client.ok<ActivateDeviceResponse>('POST', '/v1/app/activate', undefined, {
      user_id: userId,
      password,
      device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
      device_name: 'Bench phone',
    });
    return new BenchApp(client, userId, body.device_token, privateKey);
  }

  async requests(): Promise<AppRequest[]> {
    return (await this.client.ok<AppRequestsResponse>('GET', '/v1/app/requests', this.token)).requests;
  }

  open(request: AppRequest): Promise<AppRequest> {
    return this.client.ok<AppRequest>('POST', `/v1/app/requests/${request.request_id}/open`, this.token);
  }

  signature(request: AppRequest, decision: AppDecision): string {
    return signDecision(this.privateKey, request, decision);
  }

  /** The decision call; `signature` may be made beforehand so the timed call does only the HTTP. */
  decide(request: AppRequest, decision: AppDecision = 'approve', signature = this.signature(request, decision)) {
    return this.client.ok<SessionStatusEvent>('POST', `/v1/app/requests/${request.request_id}/decision`, this.token, {
      decision,
      signature,
    });
  }
}
