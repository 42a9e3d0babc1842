/** The broker's keys for a verification: a key set given, or one fetched from a URL (cached per URL). */
import { createLocalJWKSet, createRemoteJWKSet, type JSONWebKeySet, type JWTVerifyGetKey } from 'jose';

const remoteSets = new Map<string, JWTVerifyGetKey>();

export function keyResolver(
  options: { jwks?: JSONWebKeySet; jwksUrl?: string | URL },
  caller: string,
): JWTVerifyGetKey {
  if (options.jwks) return createLocalJWKSet(options.jwks);
  if (!options.jwksUrl) throw new TypeError(`${caller} needs \`jwks\` or \`jwksUrl\``);
  const url = String(options.jwksUrl);
  let resolver = remoteSets.get(url);
  if (!resolver) {
    resolver = createRemoteJWKSet(new URL(url));
    remoteSets.set(url, resolver);
  }
  return resolver;
}
