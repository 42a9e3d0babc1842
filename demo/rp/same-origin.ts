/**
 * Cross-site request forgery between sites that share a host name: SameSite cookies count `localhost:8081` (or
 * another service on the same registrable domain) as the same site as `localhost:8080`, so a page there can make
 * the browser send the relying party's cookie with a request it forged. Every call that changes the relying
 * party's state must come from the relying party's own pages: `Sec-Fetch-Site: same-origin` says so (every current
 * browser sends it). Without it (an older browser) the Origin header must be the party's own; a request with
 * neither is no browser's cross-origin request (browsers send Origin with every cross-origin POST), as in
 * Go's `http.CrossOriginProtection`.
 */
import type { FastifyRequest } from 'fastify';

/** Methods that change nothing; they are never refused here (none of the relying parties' GETs changes state). */
export const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Whether `request` comes from a page on `ownOrigin` (or from the user, typing or bookmarking: `none`). */
export function fromOwnPage(request: FastifyRequest, ownOrigin: string): boolean {
  const site = request.headers['sec-fetch-site'];
  if (typeof site === 'string') return site === 'same-origin' || site === 'none';
  const origin = request.headers.origin;
  if (typeof origin === 'string') return origin === ownOrigin;
  return true;
}
