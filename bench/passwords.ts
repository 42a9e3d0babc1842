/**
 * A real user's password check while 1,000 bogus ones are offered (Hardening II, item 1; the defences are in
 * server/authenticators/hash-budget.ts, server/sessions/check-priority.ts and server/sessions/factors.ts).
 *
 * The worst case the broker still allows: attackers who got past their code (since issue 17 nobody else reaches a
 * password check) send wrong passwords as fast as they are answered, 100 in flight, over 20 sessions (the
 * per-address and per-client limits are lifted, as for a botnet). The broker runs in its own process
 * (broker-child.ts) with the real scrypt cost and its default hash budget; this process drives it over loopback
 * HTTP. Each round, once the flood is under way, a real user whose code is right too sends the right password; the
 * row reports how long that answer took, and how the bogus tries were answered. Fresh attackers and a fresh user
 * each round: five wrong tries block a user ID's password, and a code is accepted once. A first round warms the
 * broker up (its first checks and requests are slower while the JIT compiles) and is logged, not counted.
 */
import { Secret } from 'otpauth';
import { DEFAULT_PASSWORD_COST } from '../server/authenticators/passwords.js';
import type { IdentitySeed } from '../server/config/identities.js';
import { DEFAULT_SETTINGS } from '../server/settings.js';
import { startBroker } from './broker-process.js';
import { JsonClient } from './http.js';
import { summarize, type Summary } from './stats.js';
import { CodeDevice } from '../testing/node/index.js';

export interface PasswordFloodResult {
  rounds: number;
  /** Bogus tries offered per round, the attacker sessions (each past its code) they were spread over, in flight. */
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
  floodSeconds: number;
}

const BOGUS = 1000;
const ATTACKERS = 20;
const IN_FLIGHT = 100;
const NONCE = 'bench-nonce-0123456789';
const ORIGIN = 'https://bank.bench';

type Answer = { status: number; code: string };

function seed(userId: string): IdentitySeed & { password: string; secret: string } {
  const secret = new Secret({ size: 20 }).base32;
  return {
    userId,
    name: userId,
    methods: ['code-display'],
    password: `right-${userId}`,
    totp: { 'code-display': secret },
    secret,
  };
}

async function answer(client: JsonClient, path: string, token: string, body: object): Promise<Answer> {
  const response = await client.request<{ error?: { code?: string } }>('POST', path, token, body);
  return { status: response.status, code: response.body?.error?.code ?? 'ok' };
}

/** A session of `user` past its (right) code, waiting for the password. */
async function atPassword(client: JsonClient, user: { userId: string; secret: string }) {
  const created = await client.ok<{ session_id: string; session_token: string }>('POST', '/v1/sessions', undefined, {
    client_id: 'netbank',
    mode: 'login',
    user_id: user.userId,
    nonce: NONCE,
  });
  const session = { id: created.session_id, token: created.session_token };
  await client.ok('POST', `/v1/sessions/${session.id}/method`, session.token, { method: 'code-display' });
  const code = new CodeDevice('code-display', user.secret).code();
  const checked = await answer(client, `/v1/sessions/${session.id}/code`, session.token, { code });
  if (checked.status !== 200) throw new Error(`${user.userId}: the code was refused (${checked.code})`);
  return session;
}

export async function passwordFlood(rounds: number, log: (line: string) => void): Promise<PasswordFloodResult> {
  const total = rounds + 1; // the first warms up
  const attackers = Array.from({ length: total * ATTACKERS }, (_, index) => seed(`attacker.${index}`));
  const users = Array.from({ length: total }, (_, index) => seed(`real.user.${index}`));
  const broker = await startBroker({
    identities: 0,
    origins: [ORIGIN],
    passwordCost: DEFAULT_PASSWORD_COST,
    extraIdentities: [...users, ...attackers].map(({ secret: _secret, ...identity }) => identity),
  });
  const client = new JsonClient(broker.url, ORIGIN, IN_FLIGHT + 10);
  const realMs: number[] = [];
  const realAnswers: Record<string, number> = {};
  const bogusAnswers: Record<string, number> = {};
  const tally = (into: Record<string, number>, { status, code }: Answer) => {
    into[`${status} ${code}`] = (into[`${status} ${code}`] ?? 0) + 1;
  };
  let floodMs = 0;
  try {
    for (let round = 0; round < total; round += 1) {
      const counted = round > 0;
      const mine = attackers.slice(round * ATTACKERS, (round + 1) * ATTACKERS);
      const sessions = await Promise.all(mine.map((attacker) => atPassword(client, attacker)));
      const user = users[round]!;
      const userSession = await atPassword(client, user);

      let offered = 0;
      let answered = 0;
      let underWay = () => {};
      const floodUnderWay = new Promise<void>((resolve) => (underWay = resolve));
      const started = performance.now();
      const worker = async () => {
        while (offered < BOGUS) {
          const session = sessions[offered % sessions.length]!;
          offered += 1;
          const bogus = await answer(client, `/v1/sessions/${session.id}/password`, session.token, {
            password: 'bogus',
          });
          if (counted) tally(bogusAnswers, bogus);
          answered += 1;
          if (answered === IN_FLIGHT) underWay();
        }
      };
      const flood = Promise.all(Array.from({ length: IN_FLIGHT }, worker));
      await floodUnderWay;
      const asked = performance.now();
      const real = await answer(client, `/v1/sessions/${userSession.id}/password`, userSession.token, {
        password: user.password,
      });
      const realUserMs = performance.now() - asked;
      await flood;
      if (counted) {
        realMs.push(realUserMs);
        tally(realAnswers, real);
        floodMs += performance.now() - started;
      }
      log(
        `${counted ? `round ${round}` : 'warm-up'}: real user ${realUserMs.toFixed(0)} ms (${real.status} ${real.code}), ` +
          `${BOGUS} bogus answered in ${(performance.now() - started).toFixed(0)} ms`,
      );
    }
  } finally {
    client.close();
    await broker.stop();
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
    floodSeconds: floodMs / 1000,
  };
}
