/**
 * Demo-only endpoints under /demo/api/: what a tester needs to know about the test identities, and the code
 * secrets of the simulated code display and audio code reader. A real broker never exposes any of this; it is
 * here because the simulated authenticators are web pages on the same machine.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { sendError } from './relying-party.js';

interface IdentityFile {
  userId: string;
  name: string;
  description?: string;
  methods: string[];
  password: string;
  totp?: Record<string, string>;
  locked?: boolean;
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
}

export function loadIdentities(): IdentityFile[] {
  return JSON.parse(readFileSync(new URL('../identities.json', import.meta.url), 'utf8')) as IdentityFile[];
}

export function registerDemoApi(app: FastifyInstance): void {
  const identities = loadIdentities();

  app.get('/demo/api/identities', async (_request, reply) => {
    reply.header('cache-control', 'no-store');
    return identities.map((identity): TestIdentity => ({
      user_id: identity.userId,
      name: identity.name,
      description: identity.description ?? '',
      methods: identity.methods,
      password: identity.password,
      locked: identity.locked === true,
      code_devices: Object.keys(identity.totp ?? {}),
    }));
  });

  // The base32 TOTP secret of one identity's code device: the browser page computes the codes itself.
  app.get('/demo/api/identities/:userId/devices/:device', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const { userId, device } = request.params as { userId: string; device: string };
    const secret = identities.find((identity) => identity.userId === userId)?.totp?.[device];
    if (!secret) return sendError(reply, 404, 'not_found', 'No such code device.');
    return { user_id: userId, device, secret, digits: 6, period: 30, algorithm: 'SHA1' };
  });
}
