/** The MitID app as a test plays it: a real P-256 device key (node:crypto) and the app API over HTTP. */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { type ActivateDeviceResponse, type AppDecision, type AppRequest } from '../../../protocol/app-api.js';
import { signDecision } from '../../support/device-signature.js';
import type { TestBroker } from './broker.js';

export class SimulatedApp {
  private constructor(
    private readonly broker: TestBroker,
    readonly token: string,
    readonly deviceId: string,
    private readonly privateKey: KeyObject,
  ) {}

  static async activate(broker: TestBroker, userId: string, password: string, name = 'Test phone') {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const response = await broker.app.inject({
      method: 'POST',
      url: '/v1/app/activate',
      payload: {
        user_id: userId,
        password,
        device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
        device_name: name,
      },
    });
    if (response.statusCode !== 201) throw new Error(`activate: ${response.statusCode} ${response.body}`);
    const body = response.json<ActivateDeviceResponse>();
    return new SimulatedApp(broker, body.device_token, body.device_id, privateKey);
  }

  /** The same phone talking to another broker instance (behind the same load balancer). */
  via(broker: TestBroker): SimulatedApp {
    return new SimulatedApp(broker, this.token, this.deviceId, this.privateKey);
  }

  call(method: 'GET' | 'POST', url: string, payload?: unknown) {
    return this.broker.call(method, url, this.token, payload);
  }

  async requests(): Promise<AppRequest[]> {
    return (await this.call('GET', '/v1/app/requests')).json<{ requests: AppRequest[] }>().requests;
  }

  scan(frame: string) {
    return this.call('POST', '/v1/app/scan', { frame });
  }

  open(requestId: string) {
    return this.call('POST', `/v1/app/requests/${requestId}/open`);
  }

  /** Signs what the app showed: by default the request's own text; `shownText` simulates a tampered display. */
  signature(request: AppRequest, decision: AppDecision, shownText = request.transaction_text): string {
    return signDecision(this.privateKey, request, decision, shownText);
  }

  decide(request: AppRequest, decision: AppDecision, signature = this.signature(request, decision)) {
    return this.call('POST', `/v1/app/requests/${request.request_id}/decision`, { decision, signature });
  }
}
