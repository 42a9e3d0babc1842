/** Registers `<mitid-login>`. Guarded, so loading the SDK twice never throws. */
import { MitidLogin } from './mitid-login.js';

export const TAG_NAME = 'mitid-login';

if (!customElements.get(TAG_NAME)) customElements.define(TAG_NAME, MitidLogin);

export { MitidLogin };

declare global {
  interface HTMLElementTagNameMap {
    'mitid-login': MitidLogin;
  }
}
