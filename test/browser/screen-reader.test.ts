import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { a11ySnapshot, findAccessibilityNode, setViewport } from '@web/test-runner-commands';
import { advance, mount } from '../support/element.js';
import { waitFor } from '../support/wait-for.js';

interface AxNode {
  role: string;
  name: string;
  description?: string;
  invalid?: string;
  level?: number;
  focused?: boolean;
  children: AxNode[];
}

/** The page's accessibility tree as Chromium exposes it to screen readers (puppeteer's snapshot). */
async function tree(): Promise<AxNode> {
  return (await a11ySnapshot({})) as unknown as AxNode;
}

function find(root: AxNode, role: string, name: string | RegExp): AxNode | null {
  return findAccessibilityNode<AxNode>(
    root,
    (node) => node.role === role && (typeof name === 'string' ? node.name === name : name.test(node.name)),
  );
}

describe("what a screen reader gets (Chromium's accessibility tree)", () => {
  after(() => setViewport({ width: 800, height: 600 }));

  it('user-ID step: a heading, a named textbox with its hint, and the error as its description', async () => {
    const { user } = await mount();
    let root = await tree();
    expect(find(root, 'heading', 'Log på med MitID')).to.not.equal(null);
    const field = find(root, 'textbox', 'Bruger-ID')!;
    expect(field.description).to.equal('Dit bruger-ID er aldrig dit CPR-nummer.');
    expect(find(root, 'button', 'Fortsæt')).to.not.equal(null);

    await user.submitUserId('010190-1234');
    root = await tree();
    const invalid = find(root, 'textbox', 'Bruger-ID')!;
    expect(invalid.invalid).to.equal('true');
    expect(invalid.description).to.contain('må aldrig være dit CPR-nummer');
    expect(invalid.focused).to.equal(true);
  });

  it('app step: the QR code is an image named by what to do instead; buttons are named', async () => {
    const { el, clock, user } = await mount({ script: { app: [] } });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    await user.chooseMethod('app');
    // The QR encoder loads on demand and the element fires no event once it has drawn: polled, with a deadline.
    await waitFor(() => el.shadowRoot!.querySelector('.qr svg'), 'the QR code drawn', { timeoutMs: 1000 });
    const root = await tree();
    const heading = find(root, 'heading', 'Åbn MitID app og godkend')!;
    expect(heading.level).to.equal(2);
    expect(heading.focused).to.equal(true);
    const qr = find(root, 'image', /^QR-kode til MitID app\. Den skal scannes med appen\. Kan du ikke scanne den/);
    expect(qr).to.not.equal(null);
    // Not "approve in the app without scanning": the broker lists a request to the app only once it is scanned.
    expect(qr!.name).not.to.match(/godkend anmodningen dér/);
    for (const name of ['Mere tid', 'Vælg en anden metode', 'Afbryd']) {
      expect(find(root, 'button', name), name).to.not.equal(null);
    }
  });

  it('reflows at 320 CSS px: nothing wider than the screen', async () => {
    await setViewport({ width: 320, height: 640 });
    const { el, clock, user } = await mount({
      mode: 'approve',
      text: 'Overførsel af 2.300 kr. til konto 9978 000123456',
    });
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.getBoundingClientRect().width).to.be.at.most(320);
    for (const part of el.shadowRoot!.querySelectorAll('.card *')) {
      expect(part.getBoundingClientRect().right, part.className).to.be.at.most(321);
    }
  });
});
