/** Registers `<mitid-enrol>`. Guarded, so loading it twice never throws. */
import { MitidEnrol } from './mitid-enrol.js';

export const ENROL_TAG_NAME = 'mitid-enrol';

if (!customElements.get(ENROL_TAG_NAME)) customElements.define(ENROL_TAG_NAME, MitidEnrol);

export { MitidEnrol };

declare global {
  interface HTMLElementTagNameMap {
    'mitid-enrol': MitidEnrol;
  }
}
