/**
 * `mitid-login/react`: types only. Teaches React 19's JSX the `<mitid-login>` tag: its properties (React 19 sets
 * a prop as a property when the element has one), its attributes, and `onmitid-success`-style listeners with the
 * element's event types. Load it once, e.g. in a `.d.ts` or the entry: `import type {} from 'mitid-login/react';`.
 * Only this entry names React; `mitid-login` itself does not, so projects without React are untouched.
 */
import type { DetailedHTMLProps, HTMLAttributes } from 'react';
import type { MitidLogin } from '../mitid-login.js';
import type { MitidLoginAttributes, MitidLoginEventMap, MitidLoginProperties } from './props.js';

/** `onmitid-success`, `onmitid-error`, … : React 19 listens to a custom event named after `on`. */
export type MitidLoginReactListeners = {
  [Name in keyof MitidLoginEventMap as `on${Name}`]?: (event: MitidLoginEventMap[Name]) => void;
};

/** The props of `<mitid-login>` in React 19 JSX (`ref` gives the `MitidLogin` element). */
export type MitidLoginReactProps = Omit<DetailedHTMLProps<HTMLAttributes<MitidLogin>, MitidLogin>, 'nonce' | 'lang'> &
  MitidLoginProperties &
  MitidLoginAttributes &
  MitidLoginReactListeners;

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace -- React 19's JSX lives in the React namespace
  namespace JSX {
    interface IntrinsicElements {
      'mitid-login': MitidLoginReactProps;
    }
  }
}
