/**
 * The security headers of every demo page. Scripts and styles only from this origin as files (no inline code, no
 * eval), Trusted Types required for DOM script sinks, and no framing. A page may add exact `style-src` hashes
 * (the server-rendered example allows the element's own style sheet that way, and nothing else).
 */
import type { FastifyReply } from 'fastify';

const DIRECTIVES = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
];

export const CONTENT_SECURITY_POLICY = DIRECTIVES.join('; ');

/** The policy with extra `style-src` sources, e.g. `'sha256-…'` of one known style sheet. */
export function policyWithStyles(styleSources: readonly string[]): string {
  return DIRECTIVES.map((directive) =>
    directive.startsWith('style-src ') ? [directive, ...styleSources].join(' ') : directive,
  ).join('; ');
}

/** The headers of an HTML document. */
export function documentHeaders(reply: FastifyReply, policy = CONTENT_SECURITY_POLICY): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('content-security-policy', policy);
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'no-referrer');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('cache-control', 'no-cache');
}
