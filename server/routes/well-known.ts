/** Public key set and discovery document, so standard JOSE/OIDC libraries verify assertions unaided. */
import type { FastifyPluginAsync } from 'fastify';
import { ACR } from '../../protocol/page-api.js';
import type { KeyRing } from '../signing/keys.js';

export interface WellKnownRoutesOptions {
  keys: KeyRing;
  /** The broker's public URL, read per request (known once listening). */
  issuer: () => string;
}

export const wellKnownRoutes: FastifyPluginAsync<WellKnownRoutesOptions> = async (app, { keys, issuer: issuerOf }) => {
  app.get('/.well-known/jwks.json', async (_request, reply) => {
    reply.header('cache-control', 'public, max-age=60').header('access-control-allow-origin', '*');
    return keys.jwks();
  });

  app.get('/.well-known/openid-configuration', async (_request, reply) => {
    const issuer = issuerOf();
    reply.header('cache-control', 'public, max-age=300').header('access-control-allow-origin', '*');
    return {
      issuer,
      jwks_uri: `${issuer}/.well-known/jwks.json`,
      id_token_signing_alg_values_supported: ['ES256'],
      subject_types_supported: ['pairwise'],
      response_types_supported: ['id_token'],
      acr_values_supported: Object.values(ACR),
      claims_supported: [
        'iss',
        'aud',
        'sub',
        'iat',
        'exp',
        'auth_time',
        'jti',
        'nonce',
        'origin',
        'acr',
        'amr',
        'method',
        'mode',
        'name',
        'txn',
      ],
      mitid_login_sessions_endpoint: `${issuer}/v1/sessions`,
    };
  });
};
