/**
 * The MitID chip (a FIDO security key) as Chromium's virtual authenticator (CDP `WebAuthn.addVirtualAuthenticator`
 * through Playwright's CDP session): every WebAuthn prompt of the page is answered at once, with user presence and
 * verification. `enrol` registers a key for a test identity from the page, as the broker's enrolment flow asks
 * (docs/protocol.md, Chip enrolment): options with a letter's activation code, `navigator.credentials.create`, the
 * response back. The page must be on an origin the broker's client allows; the key then serves every page on the
 * same host name (WebAuthn binds keys to the RP ID). Chromium only.
 */
import type { CDPSession, Page } from 'playwright-core';

/** What `enrol` needs of the broker: the broker fixture has both. */
export interface ChipEnrolmentBroker {
  readonly url: string;
  letter(userId: string): Promise<string>;
}

export class VirtualChip {
  private constructor(
    readonly page: Page,
    private readonly cdp: CDPSession,
    /** The virtual authenticator's CDP id. */
    readonly authenticatorId: string,
  ) {}

  /** Plugs a virtual security key into `page`'s browser tab (before the page asks for a key). */
  static async attach(page: Page): Promise<VirtualChip> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualChip(page, cdp, authenticatorId);
  }

  /**
   * Enrols this key for `userId` from the page now loaded (with a fresh letter from `broker`); resolves with the
   * broker's credential id.
   */
  async enrol(broker: ChipEnrolmentBroker, userId: string): Promise<string> {
    const activationCode = await broker.letter(userId);
    return this.page.evaluate(
      async ([brokerUrl, user, code]) => {
        const post = async (path: string, body: unknown) => {
          const response = await fetch(`${brokerUrl}${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
          const json = (await response.json()) as Record<string, unknown>;
          if (!response.ok) throw new Error(`${path}: ${response.status} ${JSON.stringify(json)}`);
          return json;
        };
        const { enrolment_token, options } = await post('/v1/enrol/chip/options', {
          user_id: user,
          activation_code: code,
        });
        const publicKey = PublicKeyCredential.parseCreationOptionsFromJSON(
          options as PublicKeyCredentialCreationOptionsJSON,
        );
        const credential = (await navigator.credentials.create({ publicKey })) as PublicKeyCredential | null;
        if (!credential) throw new Error('the virtual authenticator made no credential');
        const { credential_id } = await post('/v1/enrol/chip', { enrolment_token, response: credential.toJSON() });
        return String(credential_id);
      },
      [broker.url, userId, activationCode] as const,
    );
  }

  /** How many credentials the key holds, and how often each was used (its sign count). */
  async credentials(): Promise<{ credentialId: string; signCount: number }[]> {
    const { credentials } = await this.cdp.send('WebAuthn.getCredentials', {
      authenticatorId: this.authenticatorId,
    });
    return credentials.map(({ credentialId, signCount }) => ({ credentialId, signCount }));
  }

  /** Unplugs the key: the next prompt finds none (the user without the chip at hand). */
  async detach(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.authenticatorId });
    await this.cdp.detach();
  }
}
