import type { Meta } from '@storybook/web-components-vite';
import { argTypes, defaultArgs, renderLogin, type LoginArgs } from './support/login.js';
import type { LoginStory } from './support/variants.js';

/**
 * `<mitid-login>`: log in or approve with MitID. The tables on this page (attributes, properties, events, slots,
 * CSS parts and custom properties) come from custom-elements.json, which the analyzer makes from the element's
 * JSDoc. Every story runs on the scripted in-memory transport from `mitid-login/testing` (testing/scripted-transport.ts), never the
 * network; the steps and states are under "Steps", the ends under "Results", the looks under "Theming".
 */
const meta: Meta<LoginArgs> = {
  title: 'mitid-login',
  component: 'mitid-login',
  tags: ['autodocs'],
  args: defaultArgs,
  argTypes,
  render: renderLogin,
};
export default meta;

/**
 * Try it: type any user ID (not a CPR number). The scripted app scans the QR code after 1.5 s, opens the request,
 * and approves 2 s later. Without the app (the method list), the code is 123456 and the password hemmelig.
 */
export const Playground: LoginStory = {
  parameters: {
    script: {
      app: [
        { after: 1500, hint: 'qr-scanned' },
        { after: 1500, hint: 'user-signing' },
        { after: 2000, complete: true },
      ],
    },
  },
};

/** The same, in approve mode with a transfer to approve. */
export const PlaygroundApproval: LoginStory = {
  ...Playground,
  args: { mode: 'approve', 'transaction-text': 'Overførsel af 2.300 kr. til konto 9978 000123456' },
};
