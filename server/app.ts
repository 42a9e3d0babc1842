/**
 * The reference broker as a Fastify application. `buildApp` has no side effects beyond the instance it returns,
 * so tests start as many as they like. Options let tests give clients, identities, a clock and settings directly.
 * The parts are built in ./wiring.ts; here they are handed to the route plugins, each taking only what it uses.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import { checkTrustProxy, fastifyTrustProxy } from './config/trust-proxy.js';
import { installCors } from './http/cors.js';
import { installErrorHandlers, sendError, toBrokerError } from './http/errors.js';
import { loggerOptions } from './http/logging.js';
import type { AppOptions } from './options.js';
import { activationRoutes } from './routes/activation.js';
import { appApiRoutes } from './routes/app-api.js';
import { enrolRoutes } from './routes/enrol.js';
import { enrolmentRoutes } from './routes/enrolments.js';
import { identityRoutes } from './routes/identity.js';
import { factorRoutes } from './routes/factors.js';
import { healthRoutes } from './routes/health.js';
import { sessionRoutes } from './routes/sessions.js';
import { statusRoutes } from './routes/status.js';
import { wellKnownRoutes } from './routes/well-known.js';
import { serverOptions } from './http/server-options.js';
import { wireBroker, type Broker } from './wiring.js';

export type { AppOptions } from './options.js';
export type { Broker } from './wiring.js';

/** Body limit: the largest body is a WebAuthn response of a few KB. */
export const BODY_LIMIT = 8 * 1024;

declare module 'fastify' {
  interface FastifyInstance {
    broker: Broker;
  }
}

export async function buildApp(options: AppOptions = {}): Promise<FastifyInstance> {
  const server = serverOptions(options);
  const app = Fastify({
    ...server.fastify,
    logger: loggerOptions(options.logger),
    bodyLimit: BODY_LIMIT,
    trustProxy: fastifyTrustProxy(checkTrustProxy(options.trustProxy)),
    // Errors Fastify raises before routing (a malformed URL) get the same JSON shape as every other error.
    frameworkErrors: (error, _request, reply) => sendError(reply, toBrokerError(error)),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
  });
  app.server.maxConnections = server.maxConnections;
  // Only JSON bodies: a text/plain body is refused with 415 instead of reaching a handler as a string.
  app.removeContentTypeParser('text/plain');

  let publicUrl = options.publicUrl?.replace(/\/+$/, '');
  const issuer = () => publicUrl ?? 'http://localhost';
  app.addHook('onListen', async () => {
    const address = app.server.address();
    if (!publicUrl && address && typeof address === 'object') publicUrl = `http://localhost:${address.port}`;
  });

  const broker = await wireBroker(options, issuer);
  app.decorate('broker', broker);
  const { sessions, limits, identities, redis } = broker;

  installErrorHandlers(app);
  installCors(app, broker.clients);
  await app.register(sessionRoutes, { sessions, limits });
  await app.register(statusRoutes, { sessions, store: broker.store, settings: broker.settings });
  await app.register(factorRoutes, { sessions, factors: broker.factors, limits });
  await app.register(appApiRoutes, {
    steps: broker.appSteps,
    devices: broker.devices,
    proofs: broker.proofs,
    registry: broker.registry,
    notices: broker.notices,
    identities,
    limits,
    settings: broker.settings,
    identitySettings: broker.identitySettings,
    userIds: broker.userIds,
  });
  await app.register(enrolRoutes, {
    clients: broker.clients,
    identities,
    proofs: broker.proofs,
    chips: broker.chips,
    limits,
    userIds: broker.userIds,
  });
  await app.register(enrolmentRoutes, {
    enrolments: broker.enrolments,
    activation: broker.enrolmentActivation,
    clientAuth: broker.clientAuth,
    limits,
    ownOrigin: () => new URL(broker.issuer()).origin,
  });
  await app.register(activationRoutes, { proofs: broker.proofs, limits, settings: broker.settings });
  await app.register(identityRoutes, {
    access: broker.identityAccess,
    self: broker.selfService,
    limits,
    settings: broker.settings,
    ownOrigin: () => new URL(broker.issuer()).origin,
  });
  await app.register(wellKnownRoutes, { keys: broker.keys, issuer });
  await app.register(healthRoutes, {
    store: redis ? 'redis' : 'memory',
    ping: async () => redis?.ping(),
  });

  // Expire sessions without keeping the process alive.
  let storeWasDown = false;
  const sweeper = setInterval(() => {
    void sessions.sweep().then(
      () => {
        if (storeWasDown) app.log.info('the session store is back');
        storeWasDown = false;
      },
      (error: unknown) => {
        // One line per outage, not one per second.
        if (!storeWasDown) app.log.error({ err: error }, 'sweep failed');
        storeWasDown = true;
      },
    );
    broker.memoryState?.prune();
  }, broker.settings.sweepIntervalMs);
  sweeper.unref();
  app.addHook('onClose', async () => {
    clearInterval(sweeper);
    await redis?.close();
  });

  return app;
}
