/**
 * Mounts the demo (pages, the built SDK, the page scripts, and the relying parties' own back ends) on a broker
 * instance, for `npm start` and the end-to-end tests. The broker itself (server/) knows nothing of the demo.
 *
 * Every demo page is served with a strict Content Security Policy: scripts and styles only from this origin as
 * files (no inline code, no eval), Trusted Types required for DOM script sinks, and no framing (page-headers.ts).
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { fileURLToPath } from 'node:url';
import { registerBorger } from './rp/borger.js';
import { registerDemoApi } from './rp/demo-api.js';
import { EXAMPLE_DEV_ORIGINS, registerExamples } from './rp/examples.js';
import { assetHeaders, documentHeaders, installPageHeaders } from './page-headers.js';
import type { BankKey } from './rp/bank-key.js';
import { registerNetbank } from './rp/netbank.js';
import { registerOutboxApi } from './rp/outbox.js';
import { AssertionChecker, BrokerDirectory } from './rp/verifier.js';

const root = fileURLToPath(new URL('..', import.meta.url));

export { CONTENT_SECURITY_POLICY } from './page-headers.js';

export interface DemoOptions {
  /**
   * The public origin of this server (the relying parties' origin and the broker's URL), e.g.
   * `http://localhost:8080`. Default: `http://localhost:<bound port>`, read once the server listens.
   */
  origin?: string;
  /**
   * Where the built files are (the SDK bundle, and the page scripts in `demo/`). Default: the repository's
   * `dist/`. The end-to-end tests serve a snapshot of it, so that a rebuild running meanwhile cannot pull files
   * from under a test.
   */
  distDir?: string;
  /** Client ids of the demo relying parties, as registered with the broker (demo/clients.json). */
  clients?: { netbank?: string; borger?: string; examples?: string };
  /**
   * Other origins the examples' relying party serves pages on (besides this server): the framework examples' dev
   * servers (default {@link EXAMPLE_DEV_ORIGINS}). The broker must list them for the client too (demo/clients.json).
   */
  exampleOrigins?: string[];
  /** The net bank's key for creating enrolments, registered with the broker (./server.ts makes one). */
  bankKey?: BankKey;
}

function pageHeaders(reply: FastifyReply, path: string): void {
  if (path.endsWith('.html')) documentHeaders(reply);
  else assetHeaders(reply);
}

export async function mountDemo(app: FastifyInstance, options: DemoOptions = {}): Promise<void> {
  const origin = (): string => {
    if (options.origin) return options.origin;
    const address = app.server.address();
    if (!address || typeof address === 'string') throw new Error('the demo needs a listening server');
    return `http://localhost:${address.port}`;
  };
  await installPageHeaders(app);
  const checker = new AssertionChecker(new BrokerDirectory(origin));
  const rp = { checker, origin, brokerUrl: origin };
  await registerNetbank(app, {
    ...rp,
    clientId: options.clients?.netbank ?? 'netbank',
    ...(options.bankKey ? { bankKey: options.bankKey } : {}),
  });
  await registerBorger(app, { ...rp, clientId: options.clients?.borger ?? 'borger' });
  await registerExamples(app, {
    ...rp,
    clientId: options.clients?.examples ?? 'examples',
    otherOrigins: options.exampleOrigins ?? EXAMPLE_DEV_ORIGINS,
  });
  registerDemoApi(app, origin);
  registerOutboxApi(app);

  await app.register(fastifyStatic, {
    root: `${root}demo/public`,
    prefix: '/',
    index: ['index.html'],
    redirect: true,
    setHeaders: pageHeaders,
  });
  // The plain-HTML example (examples/html/) and the examples' shared style sheet, under the same strict policy.
  await app.register(fastifyStatic, {
    root: `${root}examples/html`,
    prefix: '/examples/html/',
    index: ['index.html'],
    redirect: true,
    decorateReply: false,
    allowedPath: (pathName) => !pathName.includes('tsconfig'),
    setHeaders: pageHeaders,
  });
  await app.register(fastifyStatic, {
    root: `${root}examples/shared`,
    prefix: '/examples/shared/',
    decorateReply: false,
    allowedPath: (pathName) => pathName.endsWith('.css'),
    setHeaders: pageHeaders,
  });
  const dist = (options.distDir ?? `${root}dist`).replace(/\/?$/, '/');
  await app.register(fastifyStatic, {
    root: `${dist}demo`,
    prefix: '/assets/js/',
    decorateReply: false,
    setHeaders: pageHeaders,
  });
  await app.register(fastifyStatic, {
    root: dist.slice(0, -1),
    prefix: '/sdk/',
    decorateReply: false,
    setHeaders: pageHeaders,
  });
}
