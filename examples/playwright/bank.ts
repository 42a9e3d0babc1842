/**
 * The example's bank: one page with `<mitid-login>` (a fresh nonce per page, remembered for the back end's check),
 * and the element's single-file build served from the installed package. `?approve=<text>` asks for an approval
 * of that text; `?device=same` has the app opened on this device (the bank's phone layout) instead of by QR code. A real bank serves its own pages; this is what its test needs of one.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';

// The element's browser bundle, from the installed package (dist/mitid-login.js and its lazy chunks).
const dist = new URL('./dist/', import.meta.resolve('mitid-login/package.json'));

export interface Bank {
  readonly origin: string;
  /** The nonce the page opened as `?test=<name>` was given (what the bank's back end checks the assertion for). */
  nonce(test: string): string;
  close(): Promise<void>;
}

function page(brokerUrl: string, clientId: string, nonce: string, approve: string | null, device: string): string {
  const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  const mode = approve ? ` mode="approve" transaction-text="${escape(approve)}"` : '';
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><title>Testbank</title>
<script type="module" src="/mitid-login.js"></script></head><body><main>
<mitid-login broker="${escape(brokerUrl)}" client-id="${escape(clientId)}" nonce="${nonce}" device="${device}"${mode}></mitid-login>
</main></body></html>`;
}

/** Starts the bank on a free port; `broker()` is read per page, so the broker may start after the bank. */
export async function startBank(broker: () => { url: string; clientId: string }): Promise<Bank> {
  const nonces = new Map<string, string>();
  const serve = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64url');
      nonces.set(url.searchParams.get('test') ?? '', nonce);
      const { url: brokerUrl, clientId } = broker();
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const device = url.searchParams.get('device') === 'same' ? 'same' : 'cross';
      return response.end(page(brokerUrl, clientId, nonce, url.searchParams.get('approve'), device));
    }
    if (/^\/(mitid-login\.js|chunks\/[\w-]+\.js)$/.test(url.pathname)) {
      response.writeHead(200, { 'content-type': 'text/javascript' });
      return response.end(await readFile(new URL(`.${url.pathname}`, dist)));
    }
    response.writeHead(404).end();
  };
  const server = createServer((request, response) => {
    serve(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, 'localhost', resolve));
  const address = server.address();
  const origin = `http://localhost:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    origin,
    nonce(test) {
      const nonce = nonces.get(test);
      if (!nonce) throw new Error(`no page was opened for ${test}`);
      return nonce;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
