/**
 * A real user's password check while 1,000 bogus ones are offered (Hardening II, item 1; the defences are in
 * server/authenticators/hash-budget.ts and server/sessions/factors.ts).
 *
 * The worst case the broker still allows: attackers who got past their code (since issue 17 nobody else reaches a
 * password check) send wrong passwords as fast as they are answered, 100 in flight, from 1,000 addresses (the
 * per-address and per-client limits are lifted, as for a botnet). The broker runs in this process with the real
 * scrypt cost and its default hash budget; requests go through Fastify's `inject` (routing, schemas and handlers,
 * no sockets). Each round the real user, whose code is right too, sends the right password once the flood is under
 * way; the row reports how long that answer took, and how the 1,000 bogus tries were answered.
 */
import { Secret, TOTP } from 'otpauth';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app.js';
import { DEFAULT_PASSWORD_COST } from '../server/authenticators/passwords.js';
import { ManualClock } from '../server/clock.js';
import type { IdentitySeed } from '../server/config/identities.js';
import { DEFAULT_SETTINGS } from '../server/settings.js';
import { summarize, type Summary } from './stats.js';

export interface PasswordFloodResult {
  rounds: number;
  /** Bogus tries offered per round, and attacker sessions (each past its code) they were spread over. */
  bogusPerRound: number;
  attackerSessions: number;
  inFlight: number;
  scryptCost: number;
  hashBudget: { atOnce: number; queued: number };
  /** The real user's right password: request → answer, per round. */
  realUserMs: Summary;
  realUserAnswers: Record<string, number>;
  /** How the bogus tries were answered, over all rounds (status and code). */
  bogusAnswers: Record<string, number>;
  /** Bogus tries that reached scrypt, over all rounds. */
  bogusHashed: number;
  floodSeconds: number;
}

const BOGUS = 1000;
const ATTACKERS = 20;
const IN_FLIGHT = 100;
const NONCE = 'bench-nonce-0123456789';
const ORIGIN = 'https://bank.bench';

function seed(userId: string, secret: string): IdentitySeed {
  return {
    userId,
    name: userId,
    methods: ['code-display'],
    password: `right-${userId}`,
    totp: { 'code-display': secret },
  };
}

class Rig {
  constructor(
    readonly app: FastifyInstance,
    readonly clock: ManualClock,
  ) {}

  private async post(url: string, body: object, token?: string, ip = '127.0.0.1') {
    const response = await this.app.inject({
      method: 'POST',
      url,
      remoteAddress: ip,
      headers: { origin: ORIGIN, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      payload: body,
    });
    return { status: response.statusCode, code: (response.json() as { error?: { code?: string } }).error?.code };
  }

  /** A session of `userId` past its (right) code, waiting for the password. */
  async atPassword(userId: string, secret: string): Promise<{ id: string; token: string }> {
    const created = await this.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { origin: ORIGIN },
      payload: { client_id: 'bench', mode: 'login', user_id: userId, nonce: NONCE },
    });
    const { session_id: id, session_token: token } = created.json<{ session_id: string; session_token: string }>();
    await this.post(`/v1/sessions/${id}/method`, { method: 'code-display' }, token);
    const code = new TOTP({ secret, digits: 6, period: 30 }).generate({ timestamp: this.clock.now() });
    const answer = await this.post(`/v1/sessions/${id}/code`, { code }, token);
    if (answer.status !== 200) throw new Error(`${userId}: the code was refused (${answer.code})`);
    return { id, token };
  }

  password(session: { id: string; token: string }, password: string, ip?: string) {
    return this.post(`/v1/sessions/${session.id}/password`, { password }, session.token, ip);
  }
}

export async function passwordFlood(rounds: number, log: (line: string) => void): Promise<PasswordFloodResult> {
  const clock = new ManualClock(Date.now());
  // Fresh attackers each round: five wrong tries block a user ID's password for 15 minutes.
  const attackers = Array.from({ length: rounds * ATTACKERS }, (_, index) =>
    seed(`attacker.${index}`, new Secret({ size: 20 }).base32),
  );
  const real = seed('real.user', new Secret({ size: 20 }).base32);
  const app = await buildApp({
    publicUrl: 'http://localhost:7777',
    clock,
    clients: [{ id: 'bench', name: 'Bench Bank', origins: [ORIGIN] }],
    identities: [real, ...attackers],
    rateLimits: {
      sessionsPerAddress: 1e9,
      sessionsPerClient: 1e9,
      attemptsPerAddress: 1e9,
      attemptsPerClient: 1e9,
    },
  });
  const rig = new Rig(app, clock);
  // Checks that got a slot and ran scrypt (the real user's among them).
  const budget = app.broker.passwords.budget;
  const run = budget.run.bind(budget);
  let hashed = 0;
  budget.run = (work, priority) =>
    run(() => {
      hashed += 1;
      return work();
    }, priority);
  const realMs: number[] = [];
  const realAnswers: Record<string, number> = {};
  const bogusAnswers: Record<string, number> = {};
  const tally = (into: Record<string, number>, answer: { status: number; code: string | undefined }) => {
    const key = `${answer.status} ${answer.code ?? 'ok'}`;
    into[key] = (into[key] ?? 0) + 1;
  };
  let floodMs = 0;
  try {
    for (let round = 0; round < rounds; round += 1) {
      clock.advance(30_000); // a new code on every display
      const mine = attackers.slice(round * ATTACKERS, (round + 1) * ATTACKERS);
      const sessions = await Promise.all(mine.map((a) => rig.atPassword(a.userId, a.totp?.['code-display'] ?? '')));
      const user = await rig.atPassword(real.userId, real.totp?.['code-display'] ?? '');

      let offered = 0;
      let answered = 0;
      let underWay!: () => void;
      const floodUnderWay = new Promise<void>((resolve) => (underWay = resolve));
      const started = performance.now();
      const worker = async () => {
        while (offered < BOGUS) {
          const index = offered;
          offered += 1;
          const session = sessions[index % sessions.length]!;
          tally(bogusAnswers, await rig.password(session, 'bogus', `10.${index >> 8}.${index & 255}.1`));
          answered += 1;
          if (answered === IN_FLIGHT) underWay();
        }
      };
      const flood = Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await floodUnderWay;
      const asked = performance.now();
      const answer = await rig.password(user, real.password);
      realMs.push(performance.now() - asked);
      tally(realAnswers, answer);
      await flood;
      floodMs += performance.now() - started;
      log(
        `round ${round + 1}: real user ${(realMs.at(-1) ?? 0).toFixed(0)} ms (${answer.status}), ` +
          `flood of ${BOGUS} answered in ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
  } finally {
    await app.close();
  }
  return {
    rounds,
    bogusPerRound: BOGUS,
    attackerSessions: ATTACKERS,
    inFlight: IN_FLIGHT,
    scryptCost: DEFAULT_PASSWORD_COST,
    hashBudget: { atOnce: DEFAULT_SETTINGS.passwordChecksAtOnce, queued: DEFAULT_SETTINGS.passwordChecksQueued },
    realUserMs: summarize(realMs),
    realUserAnswers: realAnswers,
    bogusAnswers,
    bogusHashed: hashed - (realAnswers['200 ok'] ?? 0) - (realAnswers['400 wrong_password'] ?? 0),
    floodSeconds: floodMs / 1000,
  };
}
