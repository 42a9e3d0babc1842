/**
 * How the demo's relying parties check assertions: with `mitid-login/verify`, imported by the package's own name
 * exactly as an integrator would (the package's exports map `./verify` to dist/node/verify.js, made by
 * `npm run build`). The specifier sits in a variable so that `tsc` (which runs before any build in `npm test`)
 * takes the types from the source instead of looking for dist/.
 */
import type * as VerifyModule from '../../verify/index.js';
import type { AssertionClaims, TransactionDetails } from '../../verify/index.js';

export type { AssertionClaims };

const PACKAGE_VERIFY = 'mitid-login/verify';

let loaded: Promise<typeof VerifyModule> | undefined;

export function verifyModule(): Promise<typeof VerifyModule> {
  loaded ??= import(PACKAGE_VERIFY) as Promise<typeof VerifyModule>;
  return loaded;
}

interface Discovery {
  issuer: string;
  jwks_uri: string;
}

/** The broker as a relying party knows it: its discovery document, fetched once. */
export class BrokerDirectory {
  private discovery: Promise<Discovery> | undefined;

  constructor(private readonly brokerUrl: () => string) {}

  get url(): string {
    return this.brokerUrl();
  }

  async find(): Promise<Discovery> {
    this.discovery ??= fetch(new URL('/.well-known/openid-configuration', this.brokerUrl())).then(async (res) => {
      if (!res.ok) throw new Error(`discovery document: HTTP ${res.status}`);
      return (await res.json()) as Discovery;
    });
    try {
      return await this.discovery;
    } catch (error) {
      this.discovery = undefined;
      throw error;
    }
  }
}

export interface Expectations {
  clientId: string;
  nonce: string;
  origin: string;
  expectedTransactionText?: string;
  /** The `sub` the assertion must be for (the logged-in user, for an approval started with the login's hint). */
  expectedSub?: string;
  /** A payment or a batch: compared field by field with the approved one. */
  expectedTransaction?: TransactionDetails;
}

export type VerifyOutcome = { ok: true; claims: AssertionClaims } | { ok: false; code: string; message: string };

export class AssertionChecker {
  private replayStore: VerifyModule.ReplayStore | undefined;

  constructor(private readonly broker: BrokerDirectory) {}

  async check(assertion: unknown, expect: Expectations): Promise<VerifyOutcome> {
    if (typeof assertion !== 'string') return { ok: false, code: 'malformed', message: 'No assertion was sent.' };
    const verify = await verifyModule();
    this.replayStore ??= new verify.MemoryReplayStore();
    const { issuer, jwks_uri } = await this.broker.find();
    try {
      const claims = await verify.verifyAssertion(assertion, {
        issuer,
        jwksUrl: jwks_uri,
        audience: expect.clientId,
        nonce: expect.nonce,
        origin: expect.origin,
        // Every demo method is at least substantial; a real service picks the level it needs.
        minimumAcr: 'substantial',
        replayStore: this.replayStore,
        ...(expect.expectedTransactionText !== undefined
          ? { expectedTransactionText: expect.expectedTransactionText }
          : {}),
        ...(expect.expectedSub !== undefined ? { expectedSub: expect.expectedSub } : {}),
        ...(expect.expectedTransaction !== undefined ? { expectedTransaction: expect.expectedTransaction } : {}),
      });
      return { ok: true, claims };
    } catch (error) {
      if (error instanceof verify.AssertionError) return { ok: false, code: error.code, message: error.message };
      throw error;
    }
  }
}
