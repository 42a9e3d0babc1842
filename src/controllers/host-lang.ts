/**
 * The language an element speaks: its own `lang`, else the closest `lang` around it, else the document's; `''` for
 * none (the element's default). Shared by `<mitid-login>`'s LocalizeController and `<mitid-enrol>`.
 */
export function hostLang(host: HTMLElement): string {
  // No `document` when rendered on a server (Lit SSR): then only the element's own `lang` counts.
  return (
    host.lang ||
    host.parentElement?.closest('[lang]')?.getAttribute('lang') ||
    globalThis.document?.documentElement.lang ||
    ''
  );
}
