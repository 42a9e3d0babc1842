/** Plain-language labels for what an assertion says, as the demo pages show them. */
import type { AssertionClaims } from './verifier.js';

const LEVELS: Record<string, { da: string; en: string }> = {
  'https://data.gov.dk/concept/core/nsis/loa/Low': { da: 'Lav', en: 'Low' },
  'https://data.gov.dk/concept/core/nsis/loa/Substantial': { da: 'Betydelig', en: 'Substantial' },
  'https://data.gov.dk/concept/core/nsis/loa/High': { da: 'Høj', en: 'High' },
};

const METHODS: Record<string, { da: string; en: string }> = {
  app: { da: 'MitID app', en: 'MitID app' },
  'code-display': { da: 'MitID kodeviser', en: 'MitID code display' },
  'code-reader': { da: 'MitID kodeoplæser', en: 'MitID audio code reader' },
  chip: { da: 'MitID chip', en: 'MitID chip' },
};

/** What a relying party's page may show about the verified user: never the raw assertion. */
export interface VerifiedUser {
  name: string;
  sub: string;
  level: { da: string; en: string };
  method: { da: string; en: string };
  authTime: string;
}

export function describeUser(claims: AssertionClaims): VerifiedUser {
  return {
    name: claims.name,
    sub: claims.sub,
    level: LEVELS[claims.acr] ?? { da: claims.acr, en: claims.acr },
    method: METHODS[claims.method] ?? { da: claims.method, en: claims.method },
    authTime: new Date((claims.auth_time ?? claims.iat) * 1000).toISOString(),
  };
}
