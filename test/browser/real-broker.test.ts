import '../support/lit-warnings.js';
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import '../../src/define.js';
import type { MitidSuccessEvent } from '../../src/events.js';
import type { MitidLogin } from '../../src/mitid-login.js';
import { HttpTransport } from '../../src/transport/http-transport.js';
import { sessionLoaded } from '../support/element.js';
import { returnToPage } from '../../testing/index.js';

/** fetch as the page has it, plus a switch for the network and a way to cut the event stream mid-flight. */
function unreliableNetwork() {
  const log: { url: string; headers: Record<string, string> }[] = [];
  let offline = false;
  let proxyBuffersStreams = false;
  const open = new Set<() => void>();
  /** Called each time a chunk of an event stream has reached the page. */
  const onStreamChunk = new Set<() => void>();
  const fetchImpl: typeof fetch = async (input, init) => {
    log.push({ url: String(input), headers: Object.fromEntries(new Headers(init?.headers).entries()) });
    if (offline) throw new TypeError('Failed to fetch');
    const isStream = String(input).endsWith('/events');
    if (isStream && proxyBuffersStreams) {
      return new Response('<html>please wait</html>', { headers: { 'content-type': 'text/html' } });
    }
    const response = await fetch(input, init);
    if (!isStream || !response.body) return response;
    const reader = response.body.getReader();
    let cut!: () => void;
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        cut = () => {
          controller.error(new TypeError('network connection lost'));
          void reader.cancel().catch(() => undefined);
        };
        open.add(cut);
      },
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            open.delete(cut);
            controller.close();
          } else {
            controller.enqueue(value);
            for (const notify of onStreamChunk) notify();
          }
        } catch (error) {
          controller.error(error);
        }
      },
      cancel: (reason) => reader.cancel(reason),
    });
    return new Response(body, { status: response.status, headers: response.headers });
  };
  return {
    fetchImpl,
    log,
    goOffline() {
      offline = true;
      for (const cut of open) cut();
      open.clear();
    },
    goOnline() {
      offline = false;
    },
    bufferStreams() {
      proxyBuffersStreams = true;
    },
    /** Resolves once an event stream is open and its first bytes have come through (so that a cut cuts it). */
    streamFlowing(timeoutMs = 5000): Promise<void> {
      return new Promise((resolve, reject) => {
        const notify = () => {
          clearTimeout(timer);
          onStreamChunk.delete(notify);
          resolve();
        };
        const timer = setTimeout(() => {
          onStreamChunk.delete(notify);
          reject(new Error(`no event stream brought a byte within ${timeoutMs} ms`));
        }, timeoutMs);
        onStreamChunk.add(notify);
      });
    },
  };
}

/** The element's same-device app link, with its one-time secret (what the phone's app opens). */
function appLink(el: HTMLElement): string {
  const link = el.shadowRoot!.querySelector('a[part~="app-link"]')?.getAttribute('href');
  if (!link) throw new Error('no app link');
  return link;
}

function broker(command: string, args: Record<string, string> = {}) {
  return executeServerCommand<unknown, { command: string; args: Record<string, string> }>('broker', { command, args });
}

function claimsOf(jws: string) {
  const [header, payload] = jws
    .split('.')
    .slice(0, 2)
    .map((part) => {
      const bytes = Uint8Array.from(atob(part.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
      return JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
    });
  return { header: header!, payload: payload! };
}

describe('against a real reference broker', function () {
  this.timeout(20_000);
  let url: string;

  before(async () => {
    ({ url } = (await executeServerCommand('broker-start', { origin: location.origin })) as { url: string });
  });

  async function mountReal(
    network: ReturnType<typeof unreliableNetwork>,
    extra: { mode?: string; text?: string; device?: string } = {},
  ) {
    const nonce = `n-${crypto.randomUUID()}`;
    const el = await fixture<MitidLogin>(
      html`<mitid-login
        broker=${url}
        client-id="netbank"
        nonce=${nonce}
        lang="da"
        mode=${extra.mode ?? 'login'}
        transaction-text=${extra.text ?? ''}
        device=${extra.device ?? 'cross'}
        .transport=${new HttpTransport({ broker: url, fetch: network.fetchImpl })}
      ></mitid-login>`,
    );
    await sessionLoaded(el);
    const successes: MitidSuccessEvent[] = [];
    el.addEventListener('mitid-success', (event) => successes.push(event));
    return { el, nonce, successes };
  }

  async function submit(el: MitidLogin, name: string, value: string) {
    el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!.value = value;
    el.querySelector('form')!.requestSubmit();
  }

  /** The method list shows after the user ID (and after the text of an approval): choose one from it. */
  async function choose(el: MitidLogin, method: string) {
    await waitUntil(() => el.step === 'method' && button(el, method), 'method list', { timeout: 5000 });
    button(el, method).click();
  }

  function button(el: MitidLogin, text: string) {
    return [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('button')].find((b) =>
      b.textContent!.includes(text),
    )!;
  }

  it('code display: a wrong code with attempts left, then code and password; a signed assertion', async () => {
    const network = unreliableNetwork();
    const { el, nonce, successes } = await mountReal(network);
    await submit(el, 'username', 'bo.kodeviser');
    await choose(el, 'MitID kodeviser');
    await waitUntil(() => el.step === 'code', 'code step');
    await submit(el, 'one-time-code', '000000');
    await waitUntil(() => el.textContent!.includes('Du har 4 forsøg tilbage, før'), 'tries left shown');
    await submit(
      el,
      'one-time-code',
      (await broker('totp', { userId: 'bo.kodeviser', method: 'code-display' })) as string,
    );
    await waitUntil(() => el.step === 'password', 'password step');
    await submit(el, 'password', 'bo-kode-2026');
    await waitUntil(() => successes.length === 1, 'mitid-success');
    const { header, payload } = claimsOf(successes[0]!.detail.assertion);
    expect(header.alg).to.equal('ES256');
    expect(payload).to.include({
      aud: 'netbank',
      nonce,
      method: 'code-display',
      mode: 'login',
      origin: location.origin,
    });
    expect(network.log.every((entry) => !entry.url.includes('token'))).to.equal(true);
  });

  it('app on the same device: the stream drops while the user approves; back in the tab it resumes and completes', async () => {
    await broker('activate', { userId: 'anna.app' });
    const network = unreliableNetwork();
    const { el, successes } = await mountReal(network, { device: 'same' });
    const flowing = network.streamFlowing();
    await submit(el, 'username', 'anna.app');
    await choose(el, 'MitID app');
    await waitUntil(() => el.shadowRoot!.querySelector('a[part~="app-link"]'), 'open-app link');
    expect(appLink(el)).to.match(/\/app\/#request=[\w-]+&secret=[\w-]+$/);
    await flowing;

    network.goOffline(); // the phone switches to the app; the browser tab loses its connection
    const offlineFrom = network.log.length;
    await broker('decide', { userId: 'anna.app', decision: 'approve', link: appLink(el) });
    // The element notices the cut and tries the stream again (after its first backoff); refused while offline.
    await waitUntil(
      () => network.log.slice(offlineFrom).some((entry) => entry.url.endsWith('/events')),
      'a reconnect attempt while offline',
    );
    expect(el.step).to.equal('app');
    expect(successes).to.have.length(0);

    network.goOnline();
    const before = network.log.length;
    returnToPage(); // back in the browser: reconnect at once
    await waitUntil(() => successes.length === 1, 'completion delivered after the resume', { timeout: 3000 });
    const resumed = network.log.slice(before).find((entry) => entry.url.endsWith('/events'))!;
    expect(Number(resumed.headers['last-event-id'])).to.be.greaterThan(0);
    expect(successes[0]!.detail.method).to.equal('app');
    expect(el.step).to.equal('done');
  });

  it('approval through a proxy that buffers streams: long-poll, and the exact text is signed', async () => {
    const text = '<img src=x onerror=alert(1)>\nOverførsel af 2.300 kr. til konto 9978 000123456';
    const network = unreliableNetwork();
    network.bufferStreams();
    const { el, successes } = await mountReal(network, { mode: 'approve', text, device: 'same' });
    await submit(el, 'username', 'anna.app');
    await waitUntil(() => el.step === 'approve', 'approve step');
    expect(el.shadowRoot!.querySelector('.transaction-text')!.textContent).to.equal(text);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
    button(el, 'Fortsæt til godkendelse').click();
    await choose(el, 'MitID app');
    await waitUntil(() => el.shadowRoot!.querySelector('a[part~="app-link"]'), 'open-app link');
    await waitUntil(() => network.log.some((entry) => entry.url.includes('?wait=')), 'long-poll started', {
      timeout: 3000,
    });
    const shown = (await broker('decide', { userId: 'anna.app', decision: 'approve', link: appLink(el) })) as {
      text: string;
      client: string;
    };
    expect(shown).to.deep.equal({ text, client: 'Demo Netbank' });
    await waitUntil(() => successes.length === 1, 'mitid-success over long-poll', { timeout: 5000 });
    const { payload } = claimsOf(successes[0]!.detail.assertion);
    expect(payload.mode).to.equal('approve');
    expect((payload.txn as { text: string }).text).to.equal(text);
    expect(el.shadowRoot!.querySelector('img')).to.equal(null);
  });

  it("chip: the real WebAuthn ceremony with Chromium's virtual authenticator, then the password", async () => {
    await executeServerCommand('virtual-authenticator');
    // Enrol a key for the chip identity, as the demo's /chip/ page does.
    const post = async (path: string, body: unknown) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return response.json() as Promise<Record<string, unknown>>;
    };
    const { startRegistration } = await import('@simplewebauthn/browser');
    const { enrolment_token, options } = await post('/v1/enrol/chip/options', {
      user_id: 'dan.chip',
      activation_code: (await broker('letter', { userId: 'dan.chip' })) as string,
    });
    const registration = await startRegistration({ optionsJSON: options as never });
    await post('/v1/enrol/chip', { enrolment_token, response: registration });

    const network = unreliableNetwork();
    const { el, successes } = await mountReal(network);
    await submit(el, 'username', 'dan.chip');
    await choose(el, 'MitID chip');
    await waitUntil(() => el.step === 'chip', 'the key first');
    button(el, 'Brug MitID chip').click();
    await waitUntil(() => el.step === 'password', 'then the password', { timeout: 8000 });
    await submit(el, 'password', 'dan-chip-2026');
    await waitUntil(() => successes.length === 1, 'mitid-success', { timeout: 8000 });
    const { payload } = claimsOf(successes[0]!.detail.assertion);
    expect(payload).to.include({ method: 'chip', acr: 'https://data.gov.dk/concept/core/nsis/loa/High' });
  });

  it('a rejection in the app ends in a human error message', async () => {
    const network = unreliableNetwork();
    const { el } = await mountReal(network, { device: 'same' });
    const errors: string[] = [];
    el.addEventListener('mitid-error', (event) => errors.push(event.detail.code));
    await submit(el, 'username', 'anna.app');
    await choose(el, 'MitID app');
    await waitUntil(() => el.shadowRoot!.querySelector('a[part~="app-link"]'), 'open-app link');
    await broker('decide', { userId: 'anna.app', decision: 'reject', link: appLink(el) });
    await waitUntil(() => el.step === 'error', 'error step', { timeout: 3000 });
    expect(errors).to.deep.equal(['rejected']);
    expect(el.shadowRoot!.textContent).to.contain('Du afviste anmodningen i MitID app');
  });
});
