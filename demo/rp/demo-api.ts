/**
 * Demo-only endpoints under /demo/api/: what a tester needs to know about the test identities (their passwords, and
 * the letter with the activation code MitID would send by post), the code secrets of the simulated code display and
 * audio code reader, and a button's worth of "send me a new letter". A real broker never exposes any of this; it is
 * here because the simulated authenticators are web pages on the same machine.
 *
 * The broker keeps a letter only as a hash, so the demo remembers the newest code it seeded or ordered (in memory):
 * the seed's `activationCode` until a new letter is ordered here.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { isJson, sendError } from './relying-party.js';
import { fromOwnPage } from './same-origin.js';

interface IdentityFile {
  userId: string;
  name: string;
  description?: string;
  methods: string[];
  password: string;
  totp?: Record<string, string>;
  locked?: boolean;
  activationCode?: string;
}

/** The letter as the demo index shows it: the code, and whether the broker still takes it. */
export interface TestLetter {
  code: string;
  /** `unused`: the code activates an app or enrols a chip, once; `used`; `none`: no letter (or it expired). */
  status: 'unused' | 'used' | 'none';
}

export interface TestIdentity {
  user_id: string;
  name: string;
  description: string;
  methods: string[];
  password: string;
  locked: boolean;
  /** Methods with a code device (code-display, code-reader). */
  code_devices: string[];
  letter: TestLetter | null;
}

export function loadIdentities(): IdentityFile[] {
  return JSON.parse(readFileSync(new URL('../identities.json', import.meta.url), 'utf8')) as IdentityFile[];
}

export function registerDemoApi(app: FastifyInstance, origin: () => string): void {
  const identities = loadIdentities();
  const newestCode = new Map<string, string>();
  for (const identity of identities) {
    if (identity.activationCode) newestCode.set(identity.userId, identity.activationCode);
  }

  async function letterOf(userId: string): Promise<TestLetter | null> {
    const code = newestCode.get(userId);
    return code === undefined ? null : { code, status: await app.broker.proofs.letterStatus(userId) };
  }

  app.get('/demo/api/identities', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return Promise.all(
      identities.map(async (identity): Promise<TestIdentity> => ({
        user_id: identity.userId,
        name: identity.name,
        description: identity.description ?? '',
        methods: identity.methods,
        password: identity.password,
        locked: identity.locked === true,
        code_devices: Object.keys(identity.totp ?? {}),
        letter: await letterOf(identity.userId),
      })),
    );
  });

  // "Bestil nyt brev": the broker makes a new letter (the earlier one stops working) and the demo shows its code.
  app.post('/demo/api/identities/:userId/letter', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    // A new letter voids the one before: only the demo's own pages may order one (see ./same-origin.ts).
    if (!fromOwnPage(request, origin())) {
      return sendError(reply, 403, 'cross_origin', 'This call is accepted only from the site’s own pages.');
    }
    if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
    const { userId } = request.params as { userId: string };
    if (!identities.some((identity) => identity.userId === userId)) {
      return sendError(reply, 404, 'not_found', 'No such test identity.');
    }
    const code = await app.broker.proofs.issueLetter(userId);
    newestCode.set(userId, code);
    return reply.code(201).send({ user_id: userId, letter: await letterOf(userId) });
  });

  // The base32 TOTP secret of one identity's code device: the browser page computes the codes itself.
  app.get('/demo/api/identities/:userId/devices/:device', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { userId, device } = request.params as { userId: string; device: string };
    const secret = identities.find((identity) => identity.userId === userId)?.totp?.[device];
    if (!secret) return sendError(reply, 404, 'not_found', 'No such code device.');
    return { user_id: userId, device, secret, digits: 6, period: 30, algorithm: 'SHA1' };
  });

  // Code devices ordered at enrolment (`<mitid-enrol>` step 6), as the broker's embedded post keeps them: the
  // simulated code display and audio code reader offer each, and "the letter" that comes with it shows its serial.
  app.get('/demo/api/parcels', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    const post = app.broker.devicePost;
    if (!readablePost(post)) return { available: false, parcels: [] };
    return {
      available: true,
      parcels: post.parcels().map(({ method, serial, sentAt }) => ({
        method,
        serial,
        sent_at: new Date(sentAt).toISOString(),
      })),
    };
  });

  app.get('/demo/api/parcels/:serial', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { serial } = request.params as { serial: string };
    const post = app.broker.devicePost;
    const parcel = readablePost(post) ? post.find(serial) : undefined;
    if (!parcel) return sendError(reply, 404, 'not_found', 'No such device was sent.');
    return {
      serial: parcel.serial,
      device: parcel.method,
      secret: parcel.secret,
      digits: 6,
      period: 30,
      algorithm: 'SHA1',
    };
  });
}

interface ReadablePost {
  parcels(): Array<{ method: 'code-display' | 'code-reader'; serial: string; secret: string; sentAt: number }>;
  find(serial: string): { method: 'code-display' | 'code-reader'; serial: string; secret: string } | undefined;
}

/** The embedded post can be read; a post of the deployment's own (`devicePost`) cannot, and then none is listed. */
function readablePost(post: unknown): post is ReadablePost {
  const candidate = post as Partial<ReadablePost> | null;
  return typeof candidate?.parcels === 'function' && typeof candidate.find === 'function';
}
