/** The simulated MitID app's API: activation, requests, QR scan, open, decision, notifications. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type {
  ActivateDeviceResponse,
  AppNotificationsResponse,
  AppRequest,
  AppRequestsResponse,
} from '../../protocol/app-api.js';
import type { AppSteps } from '../app-api/service.js';
import type { Device, DeviceRegistry } from '../authenticators/app-devices.js';
import { bearerToken } from '../http/auth.js';
import type { PasswordChecker } from '../authenticators/passwords.js';
import { normalizeUserId, type IdentityDirectory } from '../config/identities.js';
import { BrokerError } from '../http/errors.js';
import type { RequestLimits } from '../http/request-limits.js';
import { requireEmptyBody } from '../http/request.js';
import {
  ActivateBody,
  DecisionBody,
  ScanBody,
  type ActivateBodyType,
  type DecisionBodyType,
  type ScanBodyType,
} from '../http/schemas.js';
import { toStatusEvent } from '../sessions/status.js';

export interface AppApiRoutesOptions {
  steps: AppSteps;
  devices: DeviceRegistry;
  identities: IdentityDirectory;
  passwords: PasswordChecker;
  limits: RequestLimits;
}

export const appApiRoutes: FastifyPluginAsync<AppApiRoutesOptions> = async (app, options) => {
  const { steps, devices, identities, passwords, limits } = options;

  /** The calling device, from its bearer token. */
  function callingDevice(request: FastifyRequest): Promise<Device> {
    let token: string;
    try {
      token = bearerToken(request);
    } catch {
      throw new BrokerError('invalid_device', 'Send the device token as "Authorization: Bearer <token>".');
    }
    return devices.authenticate(token);
  }
  app.post<{ Body: ActivateBodyType }>(
    '/v1/app/activate',
    { schema: { body: ActivateBody } },
    async (request, reply): Promise<ActivateDeviceResponse> => {
      await limits.attempt(request.ip);
      const identity = identities.find(normalizeUserId(request.body.user_id));
      // Unknown user IDs spend the same scrypt time and get the same answer as a wrong password.
      const right = await passwords.verify(identity?.passwordHash, request.body.password);
      if (!right || !identity) throw new BrokerError('wrong_password', 'The user ID or password is not right.');
      if (!identity.methods.has('app')) {
        throw new BrokerError('method_unavailable', 'This MitID has no app; use its code display or chip.');
      }
      const { x, y } = request.body.device_public_key;
      const { device, token } = await devices.activate(
        identity.userId,
        { kty: 'EC', crv: 'P-256', x, y },
        request.body.device_name,
      );
      reply.code(201).header('cache-control', 'no-store');
      return { device_id: device.id, device_token: token, name: identity.name };
    },
  );

  app.get('/v1/app/requests', async (request): Promise<AppRequestsResponse> => {
    const device = await callingDevice(request);
    return { requests: await steps.listRequests(device) };
  });

  app.post<{ Body: ScanBodyType }>('/v1/app/scan', { schema: { body: ScanBody } }, async (request) => {
    const device = await callingDevice(request);
    return steps.scan(device, request.body.frame);
  });

  app.post('/v1/app/requests/:request_id/open', async (request): Promise<AppRequest> => {
    const device = await callingDevice(request);
    requireEmptyBody(request);
    return steps.open(device, (request.params as { request_id: string }).request_id);
  });

  app.post<{ Body: DecisionBodyType }>(
    '/v1/app/requests/:request_id/decision',
    { schema: { body: DecisionBody } },
    async (request): Promise<SessionStatusEvent> => {
      const device = await callingDevice(request);
      const { request_id: requestId } = request.params as { request_id: string };
      const session = await steps.decide(device, requestId, request.body.decision, request.body.signature);
      // The app learns only that its decision was taken, never the assertion meant for the relying party.
      const status = toStatusEvent(session);
      delete status.assertion;
      return status;
    },
  );

  app.get('/v1/app/notifications', async (request): Promise<AppNotificationsResponse> => {
    const device = await callingDevice(request);
    return { notifications: await devices.notificationsOf(device.userId) };
  });
};
