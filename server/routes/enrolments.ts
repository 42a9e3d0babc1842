/**
 * Enrolment endpoints (protocol/enrol-api.ts). `POST /v1/enrolments` is the bank's back end's, authenticated as a
 * confidential client and outside CORS (no page calls it); the `/v1/enrol/…` steps are the page's, with the
 * enrolment token as `Authorization: Bearer`, from an origin of the client that created the enrolment.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { RegistrationResponseJSON } from '@simplewebauthn/server';
import type {
  AppActivationResponse,
  ChipKeyOptionsResponse,
  CreateEnrolmentResponse,
  EnrolmentView,
  UserIdCheckResponse,
} from '../../protocol/enrol-api.js';
import type { EnrolmentActivation } from '../enrolment/activation.js';
import type { EnrolmentService } from '../enrolment/service.js';
import { bearerToken } from '../http/auth.js';
import type { ClientAuthenticator } from '../http/client-auth.js';
import type { RequestLimits } from '../http/request-limits.js';
import { getterOriginOf, originOf, requireEmptyBody } from '../http/request.js';
import {
  AcceptTermsBody,
  ActivateCodeDeviceBody,
  type ActivateCodeDeviceBodyType,
  ContactBody,
  CreateEnrolmentBody,
  EnrolMethodBody,
  RegisterChipKeyBody,
  UserIdChoiceBody,
  type ContactBodyType,
  type CreateEnrolmentBodyType,
  type EnrolMethodBodyType,
  type RegisterChipKeyBodyType,
  type UserIdChoiceBodyType,
} from '../http/schemas.js';

export interface EnrolmentRoutesOptions {
  enrolments: EnrolmentService;
  activation: EnrolmentActivation;
  clientAuth: ClientAuthenticator;
  limits: RequestLimits;
  /** The broker's own origin: a page of it reads its enrolment with a same-origin GET, which carries no Origin. */
  ownOrigin: () => string;
}

export const enrolmentRoutes: FastifyPluginAsync<EnrolmentRoutesOptions> = async (app, options) => {
  const { enrolments, activation, clientAuth, limits } = options;

  app.post<{ Body: CreateEnrolmentBodyType }>(
    '/v1/enrolments',
    { schema: { body: CreateEnrolmentBody } },
    async (request, reply): Promise<CreateEnrolmentResponse> => {
      // A wrong secret or assertion is a guess: counted per address before anything is checked.
      await limits.attempt(request.ip);
      const client = await clientAuth.authenticate(request, request.body);
      await limits.enrolmentStart(client.id);
      const { customer_ref: customerRef, name, email } = request.body;
      const created = await enrolments.create(client, { customerRef, name, ...(email !== undefined ? { email } : {}) });
      reply.code(201).header('cache-control', 'no-store');
      return created;
    },
  );

  app.get('/v1/enrol/current', async (request, reply): Promise<EnrolmentView> => {
    reply.header('cache-control', 'no-store');
    return activation.current(bearerToken(request), getterOriginOf(request, options.ownOrigin));
  });

  app.post('/v1/enrol/terms', { schema: { body: AcceptTermsBody } }, async (request) =>
    enrolments.acceptTerms(bearerToken(request), originOf(request)),
  );

  app.post<{ Body: EnrolMethodBodyType }>('/v1/enrol/method', { schema: { body: EnrolMethodBody } }, async (request) =>
    enrolments.chooseMethod(bearerToken(request), originOf(request), request.body.method),
  );

  app.post<{ Body: ContactBodyType }>('/v1/enrol/contact', { schema: { body: ContactBody } }, async (request) =>
    enrolments.setContact(bearerToken(request), originOf(request), request.body),
  );

  app.post<{ Body: UserIdChoiceBodyType }>(
    '/v1/enrol/user-id/check',
    { schema: { body: UserIdChoiceBody } },
    async (request): Promise<UserIdCheckResponse> => {
      await limits.attempt(request.ip);
      await enrolments.checkUserId(bearerToken(request), originOf(request), request.body.user_id);
      return { available: true };
    },
  );

  app.post<{ Body: UserIdChoiceBodyType }>(
    '/v1/enrol/user-id',
    { schema: { body: UserIdChoiceBody } },
    async (request) => {
      await limits.attempt(request.ip);
      return enrolments.reserveUserId(bearerToken(request), originOf(request), request.body.user_id);
    },
  );

  app.post('/v1/enrol/device', async (request) => {
    requireEmptyBody(request);
    return activation.sendDevice(bearerToken(request), originOf(request));
  });

  app.post<{ Body: ActivateCodeDeviceBodyType }>(
    '/v1/enrol/device/activate',
    { schema: { body: ActivateCodeDeviceBody } },
    async (request, reply) => {
      // A wrong serial number or code is a guess: counted per address besides the enrolment's own count.
      await limits.attempt(request.ip);
      reply.header('cache-control', 'no-store');
      return activation.activateDevice(bearerToken(request), originOf(request), request.body);
    },
  );

  app.post('/v1/enrol/app', async (request, reply): Promise<AppActivationResponse> => {
    requireEmptyBody(request);
    reply.header('cache-control', 'no-store');
    return activation.startApp(bearerToken(request), originOf(request));
  });

  // A chip: the page registers the person's key (WebAuthn) against the options, with a password to go with it.
  app.post('/v1/enrol/chip-key/options', async (request, reply): Promise<ChipKeyOptionsResponse> => {
    requireEmptyBody(request);
    await limits.attempt(request.ip);
    reply.header('cache-control', 'no-store');
    return activation.chipKeyOptions(bearerToken(request), originOf(request));
  });

  app.post<{ Body: RegisterChipKeyBodyType }>(
    '/v1/enrol/chip-key',
    { schema: { body: RegisterChipKeyBody } },
    async (request, reply): Promise<EnrolmentView> => {
      await limits.attempt(request.ip);
      reply.header('cache-control', 'no-store');
      const { response, password } = request.body;
      // The schema has checked the shape; @simplewebauthn checks the contents.
      return activation.registerChipKey(bearerToken(request), originOf(request), {
        response: response as RegistrationResponseJSON,
        password,
      });
    },
  );

  app.post('/v1/enrol/cancel', async (request, reply) => {
    requireEmptyBody(request);
    await enrolments.cancel(bearerToken(request), originOf(request));
    reply.code(204);
  });
};
