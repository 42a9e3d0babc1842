/**
 * A real reference broker for browser tests, in its own Node process (started by wtr-broker-plugin.mjs with
 * `node --import tsx`). It prints `{"url": …}` once listening, then answers JSON-line commands on stdin that play
 * the user's devices: the code display (TOTP), and the MitID app (test/support/app-device.ts, through `inject`:
 * activate, then approve or reject a request).
 */
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../../server/app.js';
import { DEMO_IDENTITIES_FILE } from '../../demo/config.js';
import type { AppDecision } from '../../protocol/app-api.js';
import { AppDevice, injectPort } from '../../testing/node/index.js';

interface Identity {
  userId: string;
  password: string;
  totp?: Record<string, string>;
}

const pageOrigin = process.argv[2] ?? 'http://localhost:8000';
const identities = JSON.parse(readFileSync(DEMO_IDENTITIES_FILE, 'utf8')) as Identity[];

const app = await buildApp({
  logger: false,
  passwordCost: 1024,
  clients: [{ id: 'netbank', name: 'Demo Netbank', origins: ['self', pageOrigin] }],
  identitiesFile: DEMO_IDENTITIES_FILE,
  settings: { heartbeatMs: 1000 },
});
await app.listen({ port: 0, host: 'localhost' });
const address = app.server.address();
const port = typeof address === 'object' && address ? address.port : 0;

const devices = new Map<string, AppDevice>();
const appPort = injectPort(app);

function identity(userId: string): Identity {
  const found = identities.find((candidate) => candidate.userId === userId);
  if (!found) throw new Error(`no identity ${userId}`);
  return found;
}

type Args = { userId: string; method: string; decision: string; link: string };

const commands: Record<string, (args: Args) => Promise<unknown>> = {
  async totp({ userId, method }) {
    const secret = identity(userId).totp?.[method];
    if (!secret) throw new Error(`${userId} has no ${method}`);
    return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
  },
  /** A fresh letter's activation code, as Borgerservice would print it (for the chip's enrolment page). */
  async letter({ userId }) {
    return app.broker.proofs.issueLetter(userId);
  },
  async activate({ userId }) {
    const activationCode = await app.broker.proofs.issueLetter(userId);
    devices.set(userId, await AppDevice.activate(appPort, { userId, activationCode, name: 'Browser test phone' }));
    return true;
  },
  /** Opens the request of the element's same-device app link and decides it, as the user would in the app. */
  async decide({ userId, decision, link }) {
    const device = devices.get(userId);
    if (!device) throw new Error(`activate ${userId} first`);
    const request = await device.answer(link, decision as AppDecision);
    return { text: request.transaction_text ?? null, client: request.client_name };
  },
};

const reply = (message: unknown) => process.stdout.write(`${JSON.stringify(message)}\n`);

createInterface({ input: process.stdin }).on('line', (line) => {
  const { id, command, args } = JSON.parse(line) as { id: number; command: string; args: Args };
  const run = commands[command];
  if (!run) return reply({ id, error: `unknown command ${command}` });
  run(args).then(
    (result) => reply({ id, result }),
    (error: unknown) => reply({ id, error: error instanceof Error ? error.message : String(error) }),
  );
});
process.stdin.on('end', () => void app.close().then(() => process.exit(0)));

reply({ url: `http://localhost:${port}` });
