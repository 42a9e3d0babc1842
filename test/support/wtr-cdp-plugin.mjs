// Test-runner commands that need Chromium's DevTools protocol (puppeteer's CDP session of the test page):
//  - 'virtual-authenticator': a CTAP2 security key with resident keys, user verification and automatic presence,
//    so the chip step runs the real WebAuthn ceremony (rp ID `localhost`: the runner's hostname);
//  - 'emulate-media-features': any media feature, including `forced-colors` (the stock command lacks it);
//  - 'screenshot-clip': a PNG (base64) of a box of the page, document coordinates (./painted-contrast-wtr.ts).
export function cdpPlugin() {
  const sessions = new Map();
  async function cdp(session) {
    let client = sessions.get(session.id);
    if (!client) {
      client = await session.browser.getPage(session.id).createCDPSession();
      sessions.set(session.id, client);
    }
    return client;
  }
  return {
    name: 'mitid-cdp-commands',
    async executeCommand({ command, payload, session }) {
      if (command === 'virtual-authenticator') {
        const client = await cdp(session);
        // WebAuthn wants a focused page; with several test pages open, only one really has focus.
        await session.browser.getPage(session.id).bringToFront();
        await client.send('Emulation.setFocusEmulationEnabled', { enabled: true });
        await client.send('WebAuthn.enable', { enableUI: false });
        const { authenticatorId } = await client.send('WebAuthn.addVirtualAuthenticator', {
          options: {
            protocol: 'ctap2',
            transport: 'usb',
            hasResidentKey: true,
            hasUserVerification: true,
            isUserVerified: true,
            automaticPresenceSimulation: true,
          },
        });
        return { authenticatorId };
      }
      if (command === 'screenshot-clip') {
        const client = await cdp(session);
        // A page in the background paints no frames, and a screenshot waits for one.
        await session.browser.getPage(session.id).bringToFront();
        const { data } = await client.send('Page.captureScreenshot', {
          format: 'png',
          clip: { ...payload.clip, scale: 1 },
          captureBeyondViewport: true,
        });
        return data;
      }
      if (command === 'emulate-media-features') {
        const client = await cdp(session);
        await client.send('Emulation.setEmulatedMedia', { features: payload.features });
        return true;
      }
      return undefined;
    },
  };
}
