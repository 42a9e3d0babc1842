/**
 * `POST /v1/activation-tickets`: a relying party's page lets the user who has just logged in add an app (or, after a
 * login at High, a chip): it sends the login's assertion from the origin the assertion was made for, within the
 * broker's window, and shows the one-time ticket it gets for the user to type into the new device.
 */
import type { FastifyPluginAsync } from 'fastify';
import type { ActivationTicketResponse } from '../../protocol/page-api.js';
import type { RequestLimits } from '../http/request-limits.js';
import { originOf } from '../http/request.js';
import { ActivationTicketBody, type ActivationTicketBodyType } from '../http/schemas.js';
import type { ActivationProofs, IssuedTicket } from '../identity/proofs.js';
import type { BrokerSettings } from '../settings.js';

/** A ticket as the page gets it (here and from `/v1/identity/activation-ticket`). */
export function ticketAnswer(issued: IssuedTicket, activationWaitMs: number): ActivationTicketResponse {
  return {
    activation_ticket: issued.ticket,
    expires_at: new Date(issued.expiresAt).toISOString(),
    kinds: issued.kinds,
    wait_seconds: Math.round(activationWaitMs / 1000),
  };
}

export interface ActivationRoutesOptions {
  proofs: ActivationProofs;
  limits: RequestLimits;
  settings: Pick<BrokerSettings, 'activationWaitMs'>;
}

export const activationRoutes: FastifyPluginAsync<ActivationRoutesOptions> = async (app, options) => {
  const { proofs, limits, settings } = options;
  app.post<{ Body: ActivationTicketBodyType }>(
    '/v1/activation-tickets',
    { schema: { body: ActivationTicketBody } },
    async (request, reply): Promise<ActivationTicketResponse> => {
      await limits.attempt(request.ip);
      const issued = await proofs.issueTicket(request.body.assertion, originOf(request));
      reply.code(201).header('cache-control', 'no-store');
      return ticketAnswer(issued, settings.activationWaitMs);
    },
  );
};
