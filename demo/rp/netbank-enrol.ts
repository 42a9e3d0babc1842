/**
 * Kystbanken's side of getting MitID (`<mitid-enrol>`, docs/enrol.md), under /netbank/api/enrolments: step 1 of the
 * brochure is the bank's. Having identified its new customer by its own means (in the demo: the customer types a
 * name and e-mail, and the bank gives a customer number), the back end creates the enrolment at the broker as a
 * confidential client, with a JWT client assertion signed by its own key (`createEnrolment`), and hands the page
 * only the opaque token. When the page posts the element's result, the back end verifies it (`verifyEnrolment`)
 * against the customer it created the enrolment for. No CPR number ever passes through the page.
 */
import { randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BankKey } from './bank-key.js';
import type { CookieSessions } from './cookie-session.js';
import { isJson, sendError, type RpSession } from './relying-party.js';
import { fromOwnPage } from './same-origin.js';
import { verifyModule, type BrokerDirectory } from './verifier.js';

export interface EnrollingSession extends RpSession {
  /** The enrolment the bank created for this browser's new customer. */
  enrolment?: { customerRef: string; name: string };
}

export interface NetbankEnrolOptions<S extends EnrollingSession> {
  clientId: string;
  sessions: CookieSessions<S>;
  directory: BrokerDirectory;
  origin: () => string;
  /** The bank's signing key, registered with the broker; absent: the demo cannot create enrolments. */
  bankKey?: BankKey;
}

const NAME_MAX = 200;
const EMAIL_MAX = 254;

export function registerNetbankEnrol<S extends EnrollingSession>(
  app: FastifyInstance,
  options: NetbankEnrolOptions<S>,
): void {
  // Step 1: the bank has identified its customer and starts the enrolment.
  app.post('/netbank/api/enrolments', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
    if (!fromOwnPage(request, options.origin())) {
      return sendError(reply, 403, 'cross_origin', 'Kun bankens egne sider kan starte en tilmelding.');
    }
    if (!options.bankKey) {
      return sendError(reply, 503, 'enrolment_unavailable', 'Banken kan ikke oprette tilmeldinger i denne opsætning.');
    }
    const body = (request.body ?? {}) as Record<string, unknown>;
    const name = String(body.name ?? '')
      .trim()
      .normalize('NFC');
    const email = String(body.email ?? '').trim();
    if (!name || name.length > NAME_MAX) return sendError(reply, 400, 'invalid_name', 'Skriv dit fulde navn.');
    if (email.length > EMAIL_MAX) return sendError(reply, 400, 'invalid_email', 'E-mailen er for lang.');
    const customerRef = `K-${randomInt(100_000, 1_000_000)}`;
    const { createEnrolment, EnrolmentRequestError } = await verifyModule();
    try {
      const created = await createEnrolment({
        brokerUrl: options.directory.url,
        clientId: options.clientId,
        auth: options.bankKey.signing,
        customer: { ref: customerRef, name, ...(email ? { email } : {}) },
      });
      const session = options.sessions.load(request);
      session.enrolment = { customerRef, name };
      return reply.code(201).send({ ...created, customer_ref: customerRef, broker: options.directory.url });
    } catch (error) {
      if (error instanceof EnrolmentRequestError) {
        request.log.warn({ code: error.code, status: error.status }, 'the broker refused to create an enrolment');
        return sendError(reply, 502, 'broker_refused', 'MitID kunne ikke starte tilmeldingen. Prøv igen om lidt.');
      }
      throw error;
    }
  });

  // The element's result: verified against the customer this browser's enrolment was made for, used once.
  app.post('/netbank/api/enrolments/result', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (!isJson(request)) return sendError(reply, 415, 'unsupported_media_type', 'Send JSON.');
    const session = options.sessions.load(request);
    const pending = session.enrolment;
    if (!pending) return sendError(reply, 404, 'no_enrolment', 'Der er ingen tilmelding i gang i denne browser.');
    const result = (request.body as { result?: unknown } | null)?.result;
    if (typeof result !== 'string' || result.length > 4096) {
      return sendError(reply, 400, 'invalid_result', 'Send resultatet fra tilmeldingen.');
    }
    const { verifyEnrolment, EnrolmentResultError } = await verifyModule();
    try {
      const discovery = await options.directory.find();
      const claims = await verifyEnrolment(result, {
        issuer: discovery.issuer,
        audience: options.clientId,
        customerRef: pending.customerRef,
        jwksUrl: discovery.jwks_uri,
      });
      delete session.enrolment;
      return { enrolled: { customer_ref: claims.customer_ref, name: pending.name, methods: claims.methods } };
    } catch (error) {
      if (error instanceof EnrolmentResultError) {
        return sendError(reply, 401, error.code, 'Banken kunne ikke godkende resultatet af tilmeldingen.');
      }
      throw error;
    }
  });
}
