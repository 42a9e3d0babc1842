/**
 * The MitID app's API: activation (with proof), its requests (QR scan, open, decision), its notices, and the
 * identity's authenticators (list, revoke one: "this was not me").
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { SessionStatusEvent } from '../../protocol/page-api.js';
import type {
  ActivateDeviceResponse,
  AppNotificationsResponse,
  IdentitySettings,
  AppRequest,
  AppRequestsResponse,
  AuthenticatorsResponse,
} from '../../protocol/app-api.js';
import type { AppSteps } from '../app-api/service.js';
import { requireActive, type Device, type DeviceRegistry } from '../authenticators/app-devices.js';
import type { IdentityDirectory } from '../config/identities.js';
import type { UserIds } from '../identity/user-ids.js';
import { bearerToken } from '../http/auth.js';
import { BrokerError } from '../http/errors.js';
import type { RequestLimits } from '../http/request-limits.js';
import { requireEmptyBody } from '../http/request.js';
import type { Notices } from '../identity/notices.js';
import type { IdentitySettingsStore } from '../identity/settings.js';
import type { ActivationProofs } from '../identity/proofs.js';
import type { IdentityRegistry } from '../identity/registry.js';
import {
  ActivateBody,
  DecisionBody,
  IdentitySettingsBody,
  type IdentitySettingsBodyType,
  PairBody,
  ScanBody,
  type ActivateBodyType,
  type DecisionBodyType,
  type PairBodyType,
  type ScanBodyType,
} from '../http/schemas.js';
import { toStatusEvent } from '../sessions/status.js';
import type { BrokerSettings } from '../settings.js';

export interface AppApiRoutesOptions {
  steps: AppSteps;
  devices: DeviceRegistry;
  proofs: ActivationProofs;
  registry: IdentityRegistry;
  notices: Notices;
  limits: RequestLimits;
  identities: IdentityDirectory;
  settings: Pick<BrokerSettings, 'activationWaitMs'>;
  identitySettings: IdentitySettingsStore;
  /** Typed user IDs to identity keys. */
  userIds: Pick<UserIds, 'resolve'>;
}

export const appApiRoutes: FastifyPluginAsync<AppApiRoutesOptions> = async (app, options) => {
  const { steps, devices, proofs, registry, notices, limits, identities, settings, identitySettings, userIds } =
    options;

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

  // No password here, ever: a new app needs the letter's code or a ticket from a recent login. Unknown user IDs
  // get the same `invalid_activation` as a wrong code.
  app.post<{ Body: ActivateBodyType }>(
    '/v1/app/activate',
    { schema: { body: ActivateBody } },
    async (request, reply): Promise<ActivateDeviceResponse> => {
      await limits.attempt(request.ip);
      const userId = await userIds.resolve(request.body.user_id);
      const { proof, activeFrom } = await proofs.prove(userId, 'app', request.body, settings.activationWaitMs);
      const { x, y } = request.body.device_public_key;
      const { device, token } = await devices.activate(
        userId,
        { kty: 'EC', crv: 'P-256', x, y },
        request.body.device_name,
        proof,
        activeFrom,
      );
      reply.code(201).header('cache-control', 'no-store');
      return {
        device_id: device.id,
        device_token: token,
        // Only a real identity gets past the proof.
        name: (await identities.find(userId))?.name ?? '',
        state: device.pending ? 'pending' : 'active',
        active_from: new Date(activeFrom).toISOString(),
      };
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

  // The pairing code the page shows, for users who cannot scan. A guess: counted per address like codes, and wrong
  // codes per device (sessions/pairing-codes.ts).
  app.post<{ Body: PairBodyType }>(
    '/v1/app/pair',
    { schema: { body: PairBody } },
    async (request): Promise<AppRequest> => {
      await limits.attempt(request.ip);
      const device = await callingDevice(request);
      return steps.pair(device, request.body.code);
    },
  );

  app.post('/v1/app/requests/:request_id/open', async (request): Promise<AppRequest> => {
    const device = await callingDevice(request);
    return steps.open(device, (request.params as { request_id: string }).request_id, linkSecretOf(request.body));
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

  // A pending device may read its notices and the identity's authenticators (to see what happens to it).
  app.get('/v1/app/notifications', async (request): Promise<AppNotificationsResponse> => {
    const device = await callingDevice(request);
    return { notifications: await notices.of(device.userId) };
  });

  // The identity's choices: any app may read them; only an active one may change them, and turning the notice for
  // every use off is itself told (a fraudster's app cannot silence it unseen).
  app.get('/v1/app/settings', async (request, reply): Promise<IdentitySettings> => {
    const device = await callingDevice(request);
    reply.header('cache-control', 'no-store');
    return identitySettings.of(device.userId);
  });

  app.post<{ Body: IdentitySettingsBodyType }>(
    '/v1/app/settings',
    { schema: { body: IdentitySettingsBody } },
    async (request): Promise<IdentitySettings> => {
      const device = await callingDevice(request);
      requireActive(device);
      return identitySettings.change(device.userId, { notify_every_use: request.body.notify_every_use }, device.name);
    },
  );

  app.get('/v1/app/authenticators', async (request, reply): Promise<AuthenticatorsResponse> => {
    const device = await callingDevice(request);
    reply.header('cache-control', 'no-store');
    return registry.describe(device.userId, device.id);
  });

  // An app removes itself (even while pending: "remove MitID from this phone"), or, once active, an app or key added
  // after it ("this was not me"). Never an older one: a device that someone slipped in after a phished login must not
  // be able to throw out its owner's app.
  app.post('/v1/app/authenticators/:id/revoke', async (request) => {
    const device = await callingDevice(request);
    requireEmptyBody(request);
    const { id } = request.params as { id: string };
    if (id !== device.id) requireActive(device);
    const revoked = await registry.revoke(device.userId, id, device.id);
    if (!revoked) throw new BrokerError('not_found', 'No such app or key (or it is removed already).');
    return { id: revoked.id, state: revoked.state };
  });
};

/** The open call's body: nothing, `{}`, or `{ link_secret }` (a same-device request's one-time secret). */
function linkSecretOf(body: unknown): string | undefined {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'object' && !Array.isArray(body)) {
    const entries = Object.entries(body);
    if (entries.length === 0) return undefined;
    const [[key, value] = []] = entries;
    if (
      entries.length === 1 &&
      key === 'link_secret' &&
      typeof value === 'string' &&
      /^[A-Za-z0-9_-]{20,200}$/.test(value)
    ) {
      return value;
    }
  }
  throw new BrokerError('invalid_request', 'The body is empty, or { "link_secret": "…" } from the app link.');
}
