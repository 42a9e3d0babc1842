/**
 * `mitid-login/vue`: types only. Registers `<mitid-login>` in Vue 3's `GlobalComponents`, so that Vue's template
 * type checking (vue-tsc, Vue - Official) knows its properties, attributes and `@mitid-success`-style events, in
 * the shape Vue's guide gives for custom elements (`$props` for bindings, `$emit` for events). Load it once:
 * `import type {} from 'mitid-login/vue';`. Only this entry names Vue; `mitid-login` itself does not.
 * Vue still needs `isCustomElement` for the tag at compile time (docs/frameworks.md).
 */
import type { EmitFn, HTMLAttributes, PublicProps } from 'vue';
import type { MitidLogin } from '../mitid-login.js';
import type { MitidLoginAttributes, MitidLoginEventMap, MitidLoginProperties } from './props.js';

/** `@mitid-success` and the others, as Vue's tooling reads listeners: `onMitidSuccess`, … */
export type MitidLoginVueListeners = {
  [Name in keyof MitidLoginEventMap as `on${Capitalize<CamelCase<Name>>}`]?: (event: MitidLoginEventMap[Name]) => void;
};

type CamelCase<Name extends string> = Name extends `${infer Head}-${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;

/** The instance type Vue's tooling reads for `<mitid-login>`; `$props` and `$emit` exist for templates only. */
export type MitidLoginVueElement = MitidLogin & {
  /** @deprecated Template type checking only: not a property of the element. */
  $props: Omit<HTMLAttributes, 'nonce' | 'lang'> &
    MitidLoginProperties &
    MitidLoginAttributes &
    MitidLoginVueListeners &
    PublicProps;
  /** @deprecated Template type checking only: not a method of the element. */
  $emit: EmitFn<{ [Name in keyof MitidLoginEventMap]: (event: MitidLoginEventMap[Name]) => void }>;
};

declare module 'vue' {
  interface GlobalComponents {
    'mitid-login': new () => MitidLoginVueElement;
  }
}
