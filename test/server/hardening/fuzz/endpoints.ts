/**
 * What the fuzzer knows of the broker: the fixtures a kind can start from, the request a kind builds, and the table
 * of endpoints with a body of the right shape and the rules of each required field, which the kinds then break.
 * Long because it is one table, every endpoint the broker answers: split by API, the parts would have to be kept in
 * step with each other and with the fixtures.
 */
import type fc from 'fast-check';
import { identity, NONCE } from '../../support/broker.js';

export type Fixture =
  | 'none'
  | 'fresh'
  | 'code'
  | 'chip'
  | 'chipReady'
  | 'chipOptions'
  | 'appCross'
  | 'annaCross'
  | 'annaScanned'
  | 'annaOpened'
  | 'finished'
  | 'locked'
  | 'extendedOut'
  | 'enrolment'
  | 'pageEnrolment'
  | 'identityAccess';

/** What a fixture made: a session in some state, and the app's and enrolment's handles. */
export interface Ctx {
  id: string;
  token: string;
  otherToken: string;
  deviceToken: string;
  strangerToken: string;
  requestId: string;
  frame: string;
  enrolmentToken: string;
  /** An access to an identity's own MitID (`/v1/identity…`), as a fresh login buys it. */
  accessToken: string;
}

export interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string | undefined>;
  payload?: string | Buffer;
}

export interface Kind {
  name: string;
  fixture: Fixture;
  run: fc.Arbitrary<(ctx: Ctx) => Req>;
}

export const anna = identity('anna.app');
export const dan = identity('dan.chip');
export const bo = identity('bo.kodeviser');

// ————— valid shapes, which the kinds then break —————
export const b64 = (n: number) => 'A'.repeat(n);
export const VALID_ASSERTION_RESPONSE = {
  id: b64(43),
  rawId: b64(43),
  type: 'public-key',
  response: { clientDataJSON: b64(100), authenticatorData: b64(50), signature: b64(96), userHandle: b64(20) },
  clientExtensionResults: {},
};
export const VALID_REGISTRATION_RESPONSE = {
  id: b64(43),
  rawId: b64(43),
  type: 'public-key',
  response: { clientDataJSON: b64(100), attestationObject: b64(200), transports: ['usb'] },
  clientExtensionResults: {},
};

type Auth = 'session' | 'device' | 'enrolment' | 'identity' | 'none';
export interface Endpoint {
  name: string;
  method: 'GET' | 'POST';
  path: (c: Ctx) => string;
  auth: Auth;
  fixture: Fixture;
  /** A body of the right shape (the kinds break it); undefined: the endpoint takes none. */
  body?: (c: Ctx) => Record<string, unknown>;
  /** Required fields and how to break each one's type and size. */
  fields?: Record<string, FieldRule>;
  /** An event stream: only requests refused before the stream starts are fuzzed. */
  stream?: boolean;
}

export interface FieldRule {
  /** `boolean`: true or false; `true`: only the literal true (an acceptance). */
  kind: 'string' | 'object' | 'enum' | 'optional-enum' | 'boolean' | 'true';
  /** For strings: the schema's longest; longer is refused. */
  max?: number;
  /** For strings: an empty value is refused. */
  nonEmpty?: boolean;
}

const S = (max: number, nonEmpty = true): FieldRule => ({ kind: 'string', max, nonEmpty });

export const ENDPOINTS: Endpoint[] = [
  {
    name: 'create session',
    method: 'POST',
    path: () => '/v1/sessions',
    auth: 'none',
    fixture: 'none',
    body: () => ({ client_id: 'netbank', mode: 'login', user_id: 'fz.user', nonce: NONCE }),
    fields: { client_id: S(64), mode: { kind: 'enum' }, user_id: S(128, false), nonce: S(128) },
  },
  {
    name: 'choose method',
    method: 'POST',
    path: (c) => `/v1/sessions/${c.id}/method`,
    auth: 'session',
    fixture: 'fresh',
    body: () => ({ method: 'code-display' }),
    fields: { method: { kind: 'enum' } },
  },
  { name: 'QR frame', method: 'GET', path: (c) => `/v1/sessions/${c.id}/qr`, auth: 'session', fixture: 'appCross' },
  {
    name: 'code',
    method: 'POST',
    path: (c) => `/v1/sessions/${c.id}/code`,
    auth: 'session',
    fixture: 'code',
    body: () => ({ code: '123456' }),
    fields: { code: S(6) },
  },
  {
    name: 'password',
    method: 'POST',
    path: (c) => `/v1/sessions/${c.id}/password`,
    auth: 'session',
    fixture: 'chip',
    body: () => ({ password: 'not-the-password' }),
    fields: { password: S(128) },
  },
  {
    name: 'WebAuthn options',
    method: 'POST',
    path: (c) => `/v1/sessions/${c.id}/webauthn/options`,
    auth: 'session',
    fixture: 'chipReady',
  },
  {
    name: 'WebAuthn response',
    method: 'POST',
    path: (c) => `/v1/sessions/${c.id}/webauthn`,
    auth: 'session',
    fixture: 'chipOptions',
    body: () => ({ response: structuredClone(VALID_ASSERTION_RESPONSE) }),
    fields: { response: { kind: 'object' } },
  },
  { name: 'extend', method: 'POST', path: (c) => `/v1/sessions/${c.id}/extend`, auth: 'session', fixture: 'fresh' },
  { name: 'cancel', method: 'POST', path: (c) => `/v1/sessions/${c.id}/cancel`, auth: 'session', fixture: 'fresh' },
  {
    name: 'event stream',
    method: 'GET',
    path: (c) => `/v1/sessions/${c.id}/events`,
    auth: 'session',
    fixture: 'fresh',
    stream: true,
  },
  { name: 'long-poll', method: 'GET', path: (c) => `/v1/sessions/${c.id}`, auth: 'session', fixture: 'fresh' },
  {
    name: 'app activate',
    method: 'POST',
    path: () => '/v1/app/activate',
    auth: 'none',
    fixture: 'none',
    body: () => ({
      user_id: anna.userId,
      activation_code: 'ZZZZ-ZZZZ-ZZZZ',
      device_public_key: { kty: 'EC', crv: 'P-256', x: b64(43), y: b64(43) },
      device_name: 'Fuzz phone',
    }),
    fields: {
      user_id: S(128, false),
      activation_code: S(20),
      device_public_key: { kind: 'object' },
      device_name: S(64),
    },
  },
  { name: 'app requests', method: 'GET', path: () => '/v1/app/requests', auth: 'device', fixture: 'none' },
  {
    name: 'app scan',
    method: 'POST',
    path: () => '/v1/app/scan',
    auth: 'device',
    fixture: 'annaCross',
    body: (c) => ({ frame: c.frame }),
    fields: { frame: S(200) },
  },
  {
    name: 'app open',
    method: 'POST',
    path: (c) => `/v1/app/requests/${c.requestId}/open`,
    auth: 'device',
    fixture: 'annaScanned',
  },
  {
    name: 'app decision',
    method: 'POST',
    path: (c) => `/v1/app/requests/${c.requestId}/decision`,
    auth: 'device',
    fixture: 'annaOpened',
    body: () => ({ decision: 'approve', signature: b64(86) }),
    fields: { decision: { kind: 'enum' }, signature: S(200) },
  },
  { name: 'app notifications', method: 'GET', path: () => '/v1/app/notifications', auth: 'device', fixture: 'none' },
  {
    name: 'app settings',
    method: 'POST',
    path: () => '/v1/app/settings',
    auth: 'device',
    fixture: 'none',
    body: () => ({ notify_every_use: true }),
    fields: { notify_every_use: { kind: 'boolean' } },
  },
  {
    name: 'chip enrolment options',
    method: 'POST',
    path: () => '/v1/enrol/chip/options',
    auth: 'none',
    fixture: 'none',
    body: () => ({ user_id: dan.userId, activation_code: 'ZZZZ-ZZZZ-ZZZZ' }),
    fields: { user_id: S(128, false), activation_code: S(20) },
  },
  {
    name: 'chip enrolment',
    method: 'POST',
    path: () => '/v1/enrol/chip',
    auth: 'none',
    fixture: 'enrolment',
    body: (c) => ({ enrolment_token: c.enrolmentToken, response: structuredClone(VALID_REGISTRATION_RESPONSE) }),
    fields: { enrolment_token: S(200), response: { kind: 'object' } },
  },
  // Getting MitID: the bank's back end creates the enrolment; the page takes its steps with the enrolment token.
  {
    name: 'create enrolment',
    method: 'POST',
    path: () => '/v1/enrolments',
    auth: 'none',
    fixture: 'none',
    body: () => ({ client_id: 'netbank', customer_ref: 'K-fuzz', name: 'Fuzz Person' }),
    fields: { client_id: S(64), customer_ref: S(64), name: S(200) },
  },
  {
    name: 'enrolment view',
    method: 'GET',
    path: () => '/v1/enrol/current',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
  },
  {
    name: 'enrolment terms',
    method: 'POST',
    path: () => '/v1/enrol/terms',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ accepted: true }),
    fields: { accepted: { kind: 'true' } },
  },
  {
    name: 'enrolment method',
    method: 'POST',
    path: () => '/v1/enrol/method',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ method: 'code-display' }),
    fields: { method: { kind: 'enum' } },
  },
  {
    name: 'enrolment contact',
    method: 'POST',
    path: () => '/v1/enrol/contact',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ email: 'fuzz@eksempel.dk' }),
    fields: { email: S(254, false) },
  },
  {
    name: 'enrolment user ID check',
    method: 'POST',
    path: () => '/v1/enrol/user-id/check',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ user_id: 'fuzz.og.fjord' }),
    fields: { user_id: S(128, false) },
  },
  {
    name: 'enrolment user ID',
    method: 'POST',
    path: () => '/v1/enrol/user-id',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ user_id: 'fuzz.og.fjord' }),
    fields: { user_id: S(128, false) },
  },
  {
    name: 'enrolment device',
    method: 'POST',
    path: () => '/v1/enrol/device',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
  },
  {
    name: 'enrolment device activation',
    method: 'POST',
    path: () => '/v1/enrol/device/activate',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
    body: () => ({ serial: '1234-5678-90', code: '123456', password: 'grøn tekande' }),
    fields: { serial: S(20), code: S(6), password: S(128) },
  },
  { name: 'enrolment app', method: 'POST', path: () => '/v1/enrol/app', auth: 'enrolment', fixture: 'pageEnrolment' },
  {
    name: 'enrolment cancel',
    method: 'POST',
    path: () => '/v1/enrol/cancel',
    auth: 'enrolment',
    fixture: 'pageEnrolment',
  },
  // One's own MitID after a login: the login's assertion buys the access; the rest carries it.
  {
    name: 'identity access',
    method: 'POST',
    path: () => '/v1/identity/access',
    auth: 'none',
    fixture: 'none',
    body: () => ({ assertion: 'eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl' }),
    fields: { assertion: S(4096) },
  },
  { name: 'identity view', method: 'GET', path: () => '/v1/identity', auth: 'identity', fixture: 'identityAccess' },
  {
    name: 'identity revoke',
    method: 'POST',
    path: () => '/v1/identity/authenticators/AAAAAAAAAAAAAAAAAAAAAA/revoke',
    auth: 'identity',
    fixture: 'identityAccess',
  },
  {
    name: 'identity settings',
    method: 'POST',
    path: () => '/v1/identity/settings',
    auth: 'identity',
    fixture: 'identityAccess',
    body: () => ({ notify_every_use: true }),
    fields: { notify_every_use: { kind: 'boolean' } },
  },
  {
    name: 'identity user ID',
    method: 'POST',
    path: () => '/v1/identity/user-id',
    auth: 'identity',
    fixture: 'identityAccess',
    body: () => ({ user_id: 'fuzz.og.fjord' }),
    fields: { user_id: S(128, false) },
  },
  {
    name: 'identity activation ticket',
    method: 'POST',
    path: () => '/v1/identity/activation-ticket',
    auth: 'identity',
    fixture: 'identityAccess',
  },
];
