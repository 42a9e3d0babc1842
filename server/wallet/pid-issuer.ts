/**
 * A demo PID issuer: its own ES256 key, made at start (its public key goes into the verifier's trust list), issuing
 * a PID as an SD-JWT VC bound to the holder's key (`cnf.jwk`), every PID claim selectively disclosable. Stands in
 * for the Danish PID provider in the demo and the tests; never a real credential.
 */
import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { JWK } from 'jose';
import { es256Signer, newEs256Pair, salt, sha256Hasher, type Es256Pair } from './es256.js';
import { PID_CLAIMS, PID_VCT, type PidData } from './pid.js';

export interface IssuedPid {
  /** The SD-JWT VC, compact, with every disclosure: what the wallet keeps. */
  credential: string;
}

export class DemoPidIssuer {
  private readonly pair: Es256Pair;
  private readonly sdjwt: SDJwtVcInstance;

  constructor(
    /** The issuer's identifier (`iss`), an https URL. */
    readonly issuer: string,
    private readonly now: () => number = Date.now,
  ) {
    this.pair = newEs256Pair();
    this.sdjwt = new SDJwtVcInstance({
      signer: es256Signer(this.pair.privateKey),
      signAlg: 'ES256',
      hasher: sha256Hasher,
      hashAlg: 'sha-256',
      saltGenerator: salt,
    });
  }

  /** The public key a verifier trusts this issuer by. */
  get publicJwk(): JWK {
    return { ...this.pair.publicJwk };
  }

  /** A PID for `person`, bound to the wallet key `holderJwk`, valid for `validSeconds`. */
  async issue(person: PidData, holderJwk: JWK, validSeconds = 365 * 86_400): Promise<IssuedPid> {
    const iat = Math.floor(this.now() / 1000);
    const credential = await this.sdjwt.issue(
      { iss: this.issuer, vct: PID_VCT, iat, exp: iat + validSeconds, cnf: { jwk: holderJwk }, ...person },
      { _sd: [...PID_CLAIMS] },
      { header: { typ: 'dc+sd-jwt' } },
    );
    return { credential };
  }
}
