/**
 * Every failure the broker answers with is a `BrokerError`: a stable `ErrorCode` from the wire contract, an HTTP
 * status, and a message written for a developer. Anything else that goes wrong becomes a bland `internal`.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { EnrolErrorCode } from '../../protocol/enrol-api.js';
import type { IdentityErrorCode } from '../../protocol/identity-api.js';
import type { ErrorBody, ErrorCode as PageErrorCode } from '../../protocol/page-api.js';

/** Every code the broker answers with: the page API's, the enrolment API's and the identity API's. */
export type ErrorCode = PageErrorCode | EnrolErrorCode | IdentityErrorCode;

const STATUS: Record<ErrorCode, number> = {
  invalid_json: 400,
  invalid_request: 400,
  body_too_large: 413,
  unsupported_media_type: 415,
  not_found: 404,
  unknown_client: 400,
  origin_not_allowed: 403,
  invalid_user_id: 400,
  cpr_user_id: 400,
  invalid_transaction_text: 400,
  invalid_transaction: 400,
  mitid_text_too_long: 400,
  session_not_found: 404,
  invalid_token: 401,
  session_finished: 409,
  wrong_step: 409,
  method_unavailable: 409,
  wrong_code: 400,
  wrong_password: 400,
  locked: 423,
  extend_limit: 409,
  rate_limited: 429,
  qr_invalid: 400,
  qr_expired: 400,
  pairing_invalid: 400,
  pairing_expired: 400,
  invalid_signature: 400,
  invalid_device: 401,
  webauthn_failed: 400,
  code_used: 400,
  factor_blocked: 423,
  activation_required: 403,
  invalid_activation: 400,
  device_pending: 409,
  parallel_session: 409,
  store_unavailable: 503,
  broker_busy: 503,
  method_change_limit: 409,
  invalid_login_hint: 400,
  login_hint_expired: 400,
  login_hint_client: 400,
  invalid_client: 401,
  enrolment_expired: 410,
  user_id_refused: 400,
  user_id_taken: 409,
  invalid_contact: 400,
  password_refused: 400,
  login_required: 401,
  last_authenticator: 409,
  internal: 500,
};

export function statusOf(code: ErrorCode): number {
  return STATUS[code];
}

/** What an error may say besides its code and message (the wire names of ErrorBody). */
export type ErrorDetails = Omit<ErrorBody<ErrorCode>['error'], 'code' | 'message'>;

export class BrokerError extends Error {
  override readonly name = 'BrokerError';
  /** Sent as `Retry-After` (seconds) when set: on `rate_limited` and `broker_busy`, when to try again. */
  retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetails = {},
  ) {
    super(message);
  }

  /** The same error, telling the client to wait `seconds` (at least 1) before it tries again. */
  retryAfter(seconds: number): this {
    this.retryAfterSeconds = Math.max(1, Math.ceil(seconds));
    return this;
  }

  get statusCode(): number {
    return STATUS[this.code];
  }

  toBody(): ErrorBody<ErrorCode> {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

// Fastify's own error codes for bad input, mapped to ours. Their messages are never passed on: a JSON parser's
// message quotes the body, and the body may hold a password.
const FASTIFY_CODES: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The body is not valid JSON.'],
  FST_ERR_CTP_EMPTY_JSON_BODY: ['invalid_json', 'The body is empty; send a JSON object.'],
  FST_ERR_CTP_BODY_TOO_LARGE: ['body_too_large', 'The body is too large.'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: ['unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_request', 'The Content-Length does not match the body.'],
  FST_ERR_CTP_INVALID_TYPE: ['unsupported_media_type', 'Send the body as application/json.'],
  FST_ERR_BAD_URL: ['invalid_request', 'The URL is not valid.'],
};

export function toBrokerError(error: unknown): BrokerError {
  if (error instanceof BrokerError) return error;
  const fastifyError = error as Partial<FastifyError> & { type?: string };
  if (fastifyError.validation) {
    return new BrokerError('invalid_request', describeValidation(fastifyError));
  }
  const mapped = fastifyError.code ? FASTIFY_CODES[fastifyError.code] : undefined;
  if (mapped) return new BrokerError(mapped[0], mapped[1]);
  if (error instanceof SyntaxError || fastifyError.type === 'entity.parse.failed') {
    return new BrokerError('invalid_json', 'The body is not valid JSON.');
  }
  const status = fastifyError.statusCode;
  if (typeof status === 'number' && status === 413) return new BrokerError('body_too_large', 'The body is too large.');
  if (typeof status === 'number' && status === 415) {
    return new BrokerError('unsupported_media_type', 'Send the body as application/json.');
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new BrokerError('invalid_request', 'The request could not be read.');
  }
  return new BrokerError('internal', 'The broker could not handle the request.');
}

// Ajv's messages name the field and the rule ("body/user_id must be string"), never the value.
function describeValidation(error: Partial<FastifyError>): string {
  const first = error.validation?.[0];
  if (!first) return 'The request is not valid.';
  const where = `${error.validationContext ?? 'body'}${first.instancePath || ''}`;
  if (first.keyword === 'additionalProperties') {
    const extra = (first.params as { additionalProperty?: string }).additionalProperty;
    return `${where} has an unknown field${extra && /^[\w-]{1,40}$/.test(extra) ? ` "${extra}"` : ''}.`;
  }
  if (first.keyword === 'required') {
    const missing = (first.params as { missingProperty?: string }).missingProperty;
    return `${where} lacks the field "${missing}".`;
  }
  return `${where} ${first.message ?? 'is not valid'}.`;
}

export function sendError(reply: FastifyReply, error: BrokerError): FastifyReply {
  if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
  return reply.code(error.statusCode).header('cache-control', 'no-store').send(error.toBody());
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const brokerError = toBrokerError(error);
    if (brokerError.code === 'internal') {
      request.log.error({ err: error }, 'request failed');
    } else if (brokerError.code === 'store_unavailable') {
      request.log.warn({ reason: (brokerError as BrokerError & { reason?: string }).reason }, 'store unavailable');
    }
    if (reply.sent || reply.raw.headersSent) return;
    return sendError(reply, brokerError);
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, new BrokerError('not_found', 'No such endpoint.')));
}
