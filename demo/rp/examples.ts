/**
 * The back end of the framework examples (examples/): the same login as the demo's relying parties, plus one
 * approval of a fixed transfer text, under /examples/api/. The plain-HTML example is served from this server
 * (/examples/html/); the React, Vue and Angular dev servers forward /examples/api/ here from their own origins,
 * so this relying party accepts an assertion made for any of its own origins, and only those.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CookieSessions } from './cookie-session.js';
import {
  assertionOf,
  isJson,
  newNonce,
  registerRelyingParty,
  sendError,
  type RelyingPartyContext,
  type RpSession,
} from './relying-party.js';
import { fromOwnPage } from './same-origin.js';
import type { AssertionChecker } from './verifier.js';
import { documentHeaders, policyWithStyles, type Directives } from '../page-headers.js';
import type * as SsrPageModule from '../../examples/ssr/page.js';

type SsrPage = typeof SsrPageModule;

/** The dev servers of examples/react, examples/vue and examples/angular (also listed for the broker in demo/clients.json). */
export const EXAMPLE_DEV_ORIGINS = ['http://localhost:5173', 'http://localhost:5174', 'http://localhost:4200'];

/** The one transfer the examples approve (examples/shared/bank.ts shows the same text offline). */
export const EXAMPLE_TRANSFER_TEXT = 'Overførsel af 2.300,00 kr. til konto 9978 000123456';

interface ExamplesSession extends RpSession {
  approvalNonce?: string;
}

export function registerExamples(
  app: FastifyInstance,
  options: {
    checker: AssertionChecker;
    origin: () => string;
    brokerUrl: () => string;
    clientId: string;
    /** The origins of pages served elsewhere that use this back end (through their dev server's proxy). */
    otherOrigins: readonly string[];
  },
): Promise<void> {
  const ownOrigin = (request: FastifyRequest): string => {
    const caller = request.headers.origin;
    return caller && options.otherOrigins.includes(caller) ? caller : options.origin();
  };
  const rp: RelyingPartyContext<ExamplesSession> = {
    clientId: options.clientId,
    prefix: '/examples',
    sessions: new CookieSessions<ExamplesSession>('examples_session', '/examples/', () => ({})),
    checker: options.checker,
    origin: ownOrigin,
    brokerUrl: options.brokerUrl,
  };
  return registerRelyingParty(app, rp, (scope) => {
    // The server-rendered login page (examples/ssr/): the element's shadow DOM is in the HTML, and so is this
    // login's nonce. Loaded on first use: rendering needs the built package (`npm start` builds it first).
    let ssr: Promise<{ page: SsrPage; policy: Directives }> | undefined;
    scope.get('/examples/ssr', async (_request, reply) => reply.redirect('/examples/ssr/'));
    scope.get('/examples/ssr/', async (request, reply) => {
      ssr ??= import('../../examples/ssr/page.js').then(
        async (page) => ({ page, policy: policyWithStyles([await page.elementStyleHash()]) }),
        (error: unknown) => {
          ssr = undefined; // not built yet: the next request tries again
          throw error;
        },
      );
      const { page, policy } = await ssr;
      const session = rp.sessions.load(request);
      // The nonce is in the HTML, so this GET issues it; it replaces a login in progress only when the site's own
      // page (or the user) asks: a page elsewhere on the same site that loads this one breaks no login.
      if (!session.loginNonce || fromOwnPage(request, rp.origin(request))) session.loginNonce = newNonce();
      documentHeaders(reply, policy);
      return reply.type('text/html; charset=utf-8').send(
        await page.renderLoginPage({
          broker: rp.brokerUrl(),
          nonce: session.loginNonce,
          clientId: rp.clientId,
          script: '/assets/js/examples-ssr.js',
          stylesheet: '/examples/shared/bank.css',
        }),
      );
    });

    // An approval: the server fixes the text and a nonce for this one approval.
    scope.post('/examples/api/approval', async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
      const session = rp.sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log på først.');
      session.approvalNonce = newNonce();
      return { broker: rp.brokerUrl(), nonce: session.approvalNonce, text: EXAMPLE_TRANSFER_TEXT };
    });

    // The approval comes back: verified against the server's own text and nonce, and the logged-in user.
    scope.post('/examples/api/approval/verify', async (request, reply) => {
      if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
      const session = rp.sessions.load(request);
      if (!session.user) return sendError(reply, 401, 'not_logged_in', 'Log på først.');
      const nonce = session.approvalNonce;
      delete session.approvalNonce;
      if (!nonce) return sendError(reply, 400, 'no_approval', 'Ingen godkendelse er i gang.');
      const outcome = await rp.checker.check(assertionOf(request.body), {
        clientId: rp.clientId,
        nonce,
        origin: ownOrigin(request),
        expectedTransactionText: EXAMPLE_TRANSFER_TEXT,
      });
      if (!outcome.ok) return sendError(reply, 401, outcome.code, outcome.message);
      if (outcome.claims.sub !== session.user.sub) {
        return sendError(reply, 403, 'other_user', 'Godkendelsen kom fra en anden bruger end den, der er logget på.');
      }
      return { approved: { text: outcome.claims.txn?.text ?? '' } };
    });
  });
}
