/** The browser side of the chip, behind the runner's WebAuthn port. Loaded by a dynamic import only at the chip step. */
import { browserSupportsWebAuthn, startAuthentication } from '@simplewebauthn/browser';
import type { WebAuthnPort } from './flow/runner.js';

export const browserWebAuthn: WebAuthnPort = {
  supported: () => browserSupportsWebAuthn(),
  authenticate: async (options) =>
    (await startAuthentication({
      optionsJSON: options as unknown as Parameters<typeof startAuthentication>[0]['optionsJSON'],
    })) as unknown as Record<string, unknown>,
};
