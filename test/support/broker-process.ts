/**
 * A real reference broker for browser tests, in its own Node process (started by wtr-broker-plugin.mjs with
 * `node --import tsx`): the broker fixture of mitid-login/testing/node (`startBroker`) with the demo's identities.
 * It prints `{"url": …}` once listening, then answers JSON-line commands on stdin that play the user's devices
 * through the fixture: the code display (TOTP) and the MitID app (activate, then approve or reject a request).
 */
import { createInterface } from 'node:readline';
import { loadIdentitiesFile } from '../../server/config/identities.js';
import { DEMO_IDENTITIES_FILE } from '../../demo/config.js';
import type { AppDecision } from '../../protocol/app-api.js';
import { startBroker, type AppDevice, type CodeDeviceKind } from '../../testing/node/index.js';

const pageOrigin = process.argv[2] ?? 'http://localhost:8000';

const broker = await startBroker({
  clients: [{ id: 'netbank', name: 'Demo Netbank', origins: ['self', pageOrigin] }],
  identities: loadIdentitiesFile(DEMO_IDENTITIES_FILE),
  settings: { heartbeatMs: 1000 },
});

const devices = new Map<string, AppDevice>();

type Args = { userId: string; method: string; decision: string; link: string };

const commands: Record<string, (args: Args) => Promise<unknown>> = {
  async totp({ userId, method }) {
    return broker.codeDevice(userId, method as CodeDeviceKind).code();
  },
  /** A fresh letter's activation code, as Borgerservice would print it (for the chip's enrolment page). */
  async letter({ userId }) {
    return broker.letter(userId);
  },
  async activate({ userId }) {
    devices.set(userId, await broker.appDevice(userId, 'Browser test phone'));
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
process.stdin.on('end', () => void broker.stop().then(() => process.exit(0)));

reply({ url: broker.url });
