import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/define.js';

const meta: Meta = {
  title: 'Login/mitid-login',
  component: 'mitid-login',
  render: () => html`<mitid-login></mitid-login>`,
};
export default meta;

export const UserId: StoryObj = {};
