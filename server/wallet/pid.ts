/**
 * The person identification data (PID) of the EU Digital Identity Wallet, as an SD-JWT VC (the PID rulebook's
 * `urn:eudi:pid:1` type): the claims a relying party may ask for, each disclosed only when the person agrees.
 */

export const PID_VCT = 'urn:eudi:pid:1';

/** The PID claims this broker knows, as the PID rulebook names them for SD-JWT VC. */
export const PID_CLAIMS = ['given_name', 'family_name', 'birthdate', 'age_over_18', 'nationalities'] as const;
export type PidClaim = (typeof PID_CLAIMS)[number];

/** A person's PID, as the issuer holds it. */
export interface PidData {
  given_name: string;
  family_name: string;
  /** ISO 8601 date. */
  birthdate: string;
  age_over_18: boolean;
  nationalities: string[];
}
