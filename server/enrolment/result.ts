/**
 * The signed result of an enrolment: what the page hands to the bank's back end once the new MitID has an active
 * authenticator. Signed with the broker's assertion keys (published at `jwks_uri`), but with its own `typ`
 * (`mitid-enrolment+jwt`) and no `nonce`, `mode` or `acr`, so that no verifier of login assertions takes it for a
 * login. `sub` is the pairwise subject the client's logins will carry, so the bank links the two.
 */
import { randomBytes } from 'node:crypto';
import type { EnrolMethod, EnrolmentResultClaims } from '../../protocol/enrol-api.js';
import type { KeyRing } from '../signing/keys.js';
import { pairwiseSubject } from '../signing/assertion.js';

export const ENROLMENT_RESULT_TYP = 'mitid-enrolment+jwt';
/** How long the bank's back end has to verify the result after the enrolment finished. */
const RESULT_TTL_SECONDS = 60 * 60;

export interface EnrolmentResultOptions {
  keys: KeyRing;
  issuer: () => string;
  subjectSecret: Buffer;
}

export class EnrolmentResults {
  constructor(private readonly options: EnrolmentResultOptions) {}

  sign(clientId: string, customerRef: string, userId: string, methods: EnrolMethod[], now: number): Promise<string> {
    const iat = Math.floor(now / 1000);
    const claims: EnrolmentResultClaims & Record<string, unknown> = {
      iss: this.options.issuer(),
      aud: clientId,
      sub: pairwiseSubject(this.options.subjectSecret, clientId, userId),
      iat,
      exp: iat + RESULT_TTL_SECONDS,
      jti: randomBytes(16).toString('base64url'),
      customer_ref: customerRef,
      methods,
      enrolled_at: iat,
    };
    return this.options.keys.sign(claims, ENROLMENT_RESULT_TYP);
  }
}
