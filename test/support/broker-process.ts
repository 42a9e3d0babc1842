/**
 * A real reference broker for browser tests, in its own Node process (started by wtr-broker-plugin.mjs with
 * `node --import tsx`). It prints `{"url": …}` once listening, then answers JSON-line commands on stdin that play
 * the user's devices: the code display (TOTP), and the MitID app (activate, then approve or reject a request).
 */
import { generateKeyPairSync, createHash, sign, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import * as OTPAuth from 'otpauth';
import { buildApp } from '../../server/app.js';
import { DEMO_IDENTITIES_FILE } from '../../demo/config.js';
import { approvalSigningInput, type AppDecision, type AppRequest } from '../../protocol/app-api.js';

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

const devices = new Map<string, { token: string; key: KeyObject }>();

function identity(userId: string): Identity {
  const found = identities.find((candidate) => candidate.userId === userId);
  if (!found) throw new Error(`no identity ${userId}`);
  return found;
}

async function appCall(token: string, method: 'GET' | 'POST', url: string, payload?: unknown) {
  const response = await app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${token}` },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });
  if (response.statusCode >= 400) throw new Error(`${method} ${url}: ${response.statusCode} ${response.body}`);
  return response.json() as unknown;
}

type Args = { userId: string; method: string; decision: string };

const commands: Record<string, (args: Args) => Promise<unknown>> = {
  async totp({ userId, method }) {
    const secret = identity(userId).totp?.[method];
    if (!secret) throw new Error(`${userId} has no ${method}`);
    return new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret), digits: 6, period: 30 }).generate();
  },
  async activate({ userId }) {
    const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const jwk = publicKey.export({ format: 'jwk' });
    const response = await app.inject({
      method: 'POST',
      url: '/v1/app/activate',
      payload: {
        user_id: userId,
        password: identity(userId).password,
        device_public_key: { kty: 'EC', crv: 'P-256', x: jwk.x, y: jwk.y },
        device_name: 'Browser test phone',
      },
    });
    if (response.statusCode !== 201) throw new Error(`activate: ${response.statusCode} ${response.body}`);
    devices.set(userId, { token: (response.json() as { device_token: string }).device_token, key: privateKey });
    return true;
  },
  /** Opens the newest pending request and decides it, as the user would in the app (same-device link: no QR). */
  async decide({ userId, decision }) {
    const device = devices.get(userId);
    if (!device) throw new Error(`activate ${userId} first`);
    const { requests } = (await appCall(device.token, 'GET', '/v1/app/requests')) as { requests: AppRequest[] };
    const request = requests.at(-1);
    if (!request) throw new Error('no pending request');
    await appCall(device.token, 'POST', `/v1/app/requests/${request.request_id}/open`);
    const text = request.transaction_text;
    const input = approvalSigningInput({
      requestId: request.request_id,
      challenge: request.challenge,
      clientName: request.client_name,
      mode: request.mode,
      txnSha256: text === undefined ? null : createHash('sha256').update(text, 'utf8').digest('hex'),
      decision: decision as AppDecision,
    });
    const signature = sign('sha256', Buffer.from(input, 'utf8'), {
      key: device.key,
      dsaEncoding: 'ieee-p1363',
    }).toString('base64url');
    await appCall(device.token, 'POST', `/v1/app/requests/${request.request_id}/decision`, { decision, signature });
    return { text: text ?? null, client: request.client_name };
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
