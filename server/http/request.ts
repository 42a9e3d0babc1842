/** Small helpers the routes share. */
import type { FastifyRequest } from 'fastify';
import { bearerToken } from './auth.js';
import { BrokerError } from './errors.js';

export interface SessionRequest {
  id: string;
  token: string;
}

/** The session id of the path and the bearer token of the request. */
export function sessionRequest(request: FastifyRequest): SessionRequest {
  const { id } = request.params as { id: string };
  return { id, token: bearerToken(request) };
}

/** Endpoints without a body accept none, or an empty JSON object. */
export function requireEmptyBody(request: FastifyRequest): void {
  const body = request.body;
  if (body === undefined || body === null) return;
  if (typeof body === 'object' && !Array.isArray(body) && Object.keys(body).length === 0) return;
  throw new BrokerError('invalid_request', 'This endpoint takes no body.');
}

export function originOf(request: FastifyRequest): string | undefined {
  const origin = request.headers.origin;
  return typeof origin === 'string' ? origin : undefined;
}

/**
 * The origin of the page that made a GET: its `Origin` header, or, since browsers send none with a same-origin GET,
 * the broker's own origin when the browser says the request is same-origin (`Sec-Fetch-Site`, which a page's script
 * cannot set). Anything else has no origin.
 */
export function getterOriginOf(request: FastifyRequest, ownOrigin: () => string): string | undefined {
  return originOf(request) ?? (request.headers['sec-fetch-site'] === 'same-origin' ? ownOrigin() : undefined);
}
