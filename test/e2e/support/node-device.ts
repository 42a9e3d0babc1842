/**
 * A MitID app device played from Node (node:crypto instead of WebCrypto): activates over the App API and approves
 * same-device requests, signing `approvalSigningInput` with its own P-256 key. Tests use it to get real broker
 * assertions quickly, and it cross-checks the browser app's reading of the wire contract.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import {
  type ActivateDeviceResponse,
  type AppDecision,
  type AppRequest,
  type JsonWebKeyP256,
} from '../../../protocol/app-api.js';
import { signDecision } from '../../support/device-signature.js';
import { PageSession } from './broker-api.js';

export class NodeDevice {
  private constructor(
    private readonly origin: string,
    private readonly privateKey: KeyObject,
    private readonly token: string,
  ) {}

  static async activate(origin: string, userId: string, password: string): Promise<NodeDevice> {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' }) as JsonWebKeyP256;
    const response = await fetch(`${origin}/v1/app/activate`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin },
      body: JSON.stringify({
        user_id: userId,
        password,
        device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
        device_name: 'Node test device',
      }),
    });
    if (!response.ok) throw new Error(`activate: ${response.status} ${await response.text()}`);
    const body = (await response.json()) as ActivateDeviceResponse;
    return new NodeDevice(origin, privateKey, body.device_token);
  }

  private async call<T>(path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${this.origin}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }

  /** Opens the request and decides it, signing over the canonical input. */
  async decide(requestId: string, decision: AppDecision): Promise<void> {
    const request = await this.call<AppRequest>(`/v1/app/requests/${encodeURIComponent(requestId)}/open`, {});
    await this.call(`/v1/app/requests/${encodeURIComponent(requestId)}/decision`, {
      decision,
      signature: signDecision(this.privateKey, request, decision),
    });
  }

  /** Runs a whole same-device session for this device's user and returns the assertion. */
  async assertion(
    userId: string,
    request: { client_id: string; nonce: string; mode: 'login' | 'approve'; text?: string },
  ): Promise<string> {
    const session = await PageSession.start(this.origin, {
      client_id: request.client_id,
      mode: request.mode,
      user_id: userId,
      nonce: request.nonce,
      ...(request.text !== undefined ? { transaction: { text: request.text } } : {}),
    });
    const chosen = await session.chooseMethod('app', 'same');
    const requestId = /#request=([\w-]+)$/.exec(chosen.app_link ?? '')?.[1];
    if (!requestId) throw new Error(`no same-device link: ${JSON.stringify(chosen)}`);
    await this.decide(requestId, 'approve');
    const status = await session.finished();
    if (!status.assertion) throw new Error(`no assertion: ${JSON.stringify(status)}`);
    return status.assertion;
  }
}
