/**
 * An independent check of an assertion with plain `jose`, the way any relying party could do it without this
 * project's verifier: discovery document → jwks_uri → signature, issuer, audience, and the claims we expect.
 */
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';

export async function verifyWithJose(
  brokerUrl: string,
  assertion: string,
  audience: string,
): Promise<{ payload: JWTPayload & Record<string, unknown>; kid: string | undefined }> {
  const discovery = (await (await fetch(`${brokerUrl}/.well-known/openid-configuration`)).json()) as {
    issuer: string;
    jwks_uri: string;
  };
  const keys = createRemoteJWKSet(new URL(discovery.jwks_uri));
  const { payload, protectedHeader } = await jwtVerify(assertion, keys, {
    issuer: discovery.issuer,
    audience,
    algorithms: ['ES256'],
  });
  return { payload: payload as JWTPayload & Record<string, unknown>, kid: protectedHeader.kid };
}
