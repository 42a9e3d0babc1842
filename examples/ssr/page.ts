/**
 * Server rendering of `<mitid-login>` with Lit's SSR package: the element's shadow DOM arrives in the HTML as a
 * declarative shadow root, so the login card (heading, intro, styles) is on screen before any script has run,
 * and the browser's script hydrates it instead of drawing it again (client.ts). The form fields are the
 * element's light DOM (docs/autofill.md): they appear once the script runs.
 *
 * Runs in Node (the `npm start` server uses it for /examples/ssr/). `mitid-login` imports cleanly on a server:
 * Lit's node build supplies the DOM stand-ins that defining the element needs.
 */
import { createHash } from 'node:crypto';
import { render } from '@lit-labs/ssr';
import { collectResult } from '@lit-labs/ssr/lib/render-result.js';
import { html } from 'lit';
import 'mitid-login';

export interface LoginPage {
  /** Where the element's broker is, and this login's nonce: both from the server, in the HTML itself. */
  broker: string;
  nonce: string;
  /** The client id registered with the broker. */
  clientId: string;
  /** The page's bundled script: Lit's hydration support first, then the element and the page logic. */
  script: string;
  stylesheet: string;
}

/** The page's `<main>`, with the element rendered by Lit SSR (a declarative shadow root inside the tag). */
function main(page: LoginPage) {
  return html`<main class="page">
    <header>
      <h1>Eksempelbanken</h1>
      <p>Lit SSR · deklarativ shadow DOM</p>
    </header>
    <h2 id="view-heading" tabindex="-1">Log på</h2>
    <p role="alert" id="problem"></p>
    <section id="login">
      <mitid-login client-id=${page.clientId} lang="da" broker=${page.broker} nonce=${page.nonce}></mitid-login>
    </section>
    <section id="home" hidden>
      <p>Du er logget ind. Siden blev tegnet på serveren; elementet blev hydreret i browseren.</p>
    </section>
  </main>`;
}

/** The whole document. The server's own strings are escaped by Lit (attribute and text bindings). */
export async function renderLoginPage(page: LoginPage): Promise<string> {
  const body = await collectResult(render(main(page)));
  return `<!doctype html>
<html lang="da">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Eksempelbanken · Lit SSR</title>
    <link rel="icon" href="/favicon.svg" />
    <link rel="stylesheet" href="${page.stylesheet}" />
    <script type="module" src="${page.script}"></script>
  </head>
  <body>
    ${body}
  </body>
</html>
`;
}

/**
 * The CSP source that allows the element's server-rendered `<style>` (inside the declarative shadow root) and
 * nothing else: `'sha256-…'` of its text. Client-rendered, the element needs no such allowance (its styles are
 * constructed style sheets); server-rendered, add this to `style-src` of the page that carries it.
 */
export async function elementStyleHash(): Promise<string> {
  const markup = await collectResult(render(html`<mitid-login></mitid-login>`));
  const styles = [...markup.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((match) => match[1] ?? '');
  if (styles.length !== 1) throw new Error(`expected one <style> in the rendered element, found ${styles.length}`);
  return `'sha256-${createHash('sha256').update(styles[0]!).digest('base64')}'`;
}
