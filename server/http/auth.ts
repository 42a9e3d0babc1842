/** Bearer tokens: ≥ 128 random bits, kept only as SHA-256 hashes, compared in constant time. */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { BrokerError } from './errors.js';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function newId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export function sameTokenHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && timingSafeEqual(left, right);
}

/** The token of `Authorization: Bearer <token>`, or `invalid_token`. */
export function bearerToken(request: FastifyRequest): string {
  const header = request.headers.authorization;
  const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9_-]{20,200})$/.exec(header) : null;
  if (!match?.[1]) throw new BrokerError('invalid_token', 'Send the token as "Authorization: Bearer <token>".');
  return match[1];
}
