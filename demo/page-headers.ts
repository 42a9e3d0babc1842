/**
 * The security headers of every demo page, written by helmet. Scripts and styles only from this origin as files
 * (no inline code, no eval), Trusted Types required for DOM script sinks, and no framing. A page may add exact
 * `style-src` hashes (the server-rendered example allows the element's own style sheet that way, and nothing else).
 * Every other file the demo serves gets `nosniff` only.
 *
 * Helmet's further defaults (Strict-Transport-Security, Cross-Origin-Resource-Policy, Origin-Agent-Cluster and the
 * legacy X- headers) are off: the demo's headers are exactly the ones it always sent. HSTS above all would pin every
 * port of `localhost` to https for a year in a developer's browser.
 */
import fastifyHelmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** CSP directives as helmet takes them: name to sources. */
export type Directives = Record<string, string[]>;

const DIRECTIVES: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  'require-trusted-types-for': ["'script'"],
};

/** The header's text as helmet writes it: directives in order, separated by `;`. */
function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...sources].join(' '))
    .join(';');
}

export const CONTENT_SECURITY_POLICY = serialize(DIRECTIVES);

const NONE_OF_HELMETS_OTHER_HEADERS = {
  crossOriginEmbedderPolicy: false,
  crossOriginResourcePolicy: false,
  originAgentCluster: false,
  strictTransportSecurity: false,
  xDnsPrefetchControl: false,
  xDownloadOptions: false,
  xPermittedCrossDomainPolicies: false,
  xPoweredBy: false,
  xXssProtection: false,
} satisfies FastifyHelmetOptions;

function documentOptions(directives: Directives): FastifyHelmetOptions {
  return {
    ...NONE_OF_HELMETS_OTHER_HEADERS,
    contentSecurityPolicy: { useDefaults: false, directives },
    xContentTypeOptions: true,
    xFrameOptions: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
  };
}

const ASSET: FastifyHelmetOptions = {
  ...NONE_OF_HELMETS_OTHER_HEADERS,
  contentSecurityPolicy: false,
  xContentTypeOptions: true,
  xFrameOptions: false,
  referrerPolicy: false,
  crossOriginOpenerPolicy: false,
};

/**
 * Registers helmet for the demo: on no route by itself (the broker's own answers keep theirs), only where
 * {@link documentHeaders} or {@link assetHeaders} asks for it.
 */
export async function installPageHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, { global: false, ...documentOptions(DIRECTIVES) });
}

/** The policy's directives with extra `style-src` sources, e.g. `'sha256-…'` of one known style sheet. */
export function policyWithStyles(styleSources: readonly string[]): Directives {
  return { ...DIRECTIVES, 'style-src': [...(DIRECTIVES['style-src'] ?? []), ...styleSources] };
}

/** The headers of an HTML document: the strict policy, or one given by {@link policyWithStyles}. */
export function documentHeaders(reply: FastifyReply, policy: Directives = DIRECTIVES): void {
  reply.helmet(documentOptions(policy));
  reply.header('cache-control', 'no-cache');
}

/** The headers of any other file: `nosniff`. */
export function assetHeaders(reply: FastifyReply): void {
  reply.helmet(ASSET);
}
