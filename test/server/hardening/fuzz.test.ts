/**
 * Property-based fuzzing of every broker endpoint (issue 10, item 1). Each KIND is one way a request can be wrong
 * (a type, a size, an encoding, nesting, an unknown field, a step out of order, the wrong session or token, a bad
 * header or content type) on one endpoint; fast-check draws the values. Every answer must be a 4xx JSON error whose
 * `code` is one of the wire contract's codes with that code's status; no 5xx; the broker still serves a login
 * afterwards; and the heap, after a sweep and a full GC, is back to where it was before the run.
 *
 * FUZZ_RUNS (default 4) sets the runs per kind; FUZZ_SEED replays a run.
 */
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import fc from 'fast-check';
import type { ErrorBody, ErrorCode, QrFrameResponse } from '../../../protocol/page-api.js';
import type { AppRequest } from '../../../protocol/app-api.js';
import { statusOf } from '../../../server/http/errors.js';
import type { AppDevice } from '../../support/app-device.js';
import { activateByLetter, newLetter } from '../support/identity.js';
import { BANK_ORIGIN, identity, loginByCode, NONCE, startBroker, type TestBroker } from '../support/broker.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const RUNS = Number(process.env.FUZZ_RUNS ?? 4);
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

type Fixture =
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
  | 'enrolment';

/** What a fixture made: a session in some state, and the app's and enrolment's handles. */
interface Ctx {
  id: string;
  token: string;
  otherToken: string;
  deviceToken: string;
  strangerToken: string;
  requestId: string;
  frame: string;
  enrolmentToken: string;
}

interface Req {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  url: string;
  headers?: Record<string, string | undefined>;
  payload?: string | Buffer;
}

interface Kind {
  name: string;
  fixture: Fixture;
  run: fc.Arbitrary<(ctx: Ctx) => Req>;
}

const anna = identity('anna.app');
const dan = identity('dan.chip');
const bo = identity('bo.kodeviser');

// ————— valid shapes, which the kinds then break —————
const b64 = (n: number) => 'A'.repeat(n);
const VALID_ASSERTION_RESPONSE = {
  id: b64(43),
  rawId: b64(43),
  type: 'public-key',
  response: { clientDataJSON: b64(100), authenticatorData: b64(50), signature: b64(96), userHandle: b64(20) },
  clientExtensionResults: {},
};
const VALID_REGISTRATION_RESPONSE = {
  id: b64(43),
  rawId: b64(43),
  type: 'public-key',
  response: { clientDataJSON: b64(100), attestationObject: b64(200), transports: ['usb'] },
  clientExtensionResults: {},
};

type Auth = 'session' | 'device' | 'none';
interface Endpoint {
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

interface FieldRule {
  kind: 'string' | 'object' | 'enum' | 'optional-enum';
  /** For strings: the schema's longest; longer is refused. */
  max?: number;
  /** For strings: an empty value is refused. */
  nonEmpty?: boolean;
}

const S = (max: number, nonEmpty = true): FieldRule => ({ kind: 'string', max, nonEmpty });

const ENDPOINTS: Endpoint[] = [
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
];

// ————— arbitraries —————
const anyJson = fc.jsonValue({ maxDepth: 3 });
const wrongScalar = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const wrongForString = fc.oneof(
  wrongScalar,
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.string(), { maxKeys: 3 }),
);
const wrongForObject = fc.oneof(wrongScalar, fc.string(), fc.array(anyJson, { maxLength: 3 }));
const tokenLike = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const junkToken = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,19}$/), // too short
  fc.stringMatching(/^[A-Za-z0-9_-]{201,260}$/), // too long
  fc.stringMatching(/^[A-Za-z0-9_-]{10,30}[ .=+/:!][A-Za-z0-9_-]{10,30}$/), // a character outside base64url
);
const pathJunk = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A', '%', 'a'.repeat(600), '%F0%9F%92%A9', 'null', '-1'),
);
const enumJunk = fc
  .string({ maxLength: 30 })
  .filter(
    (value) =>
      !['login', 'approve', 'app', 'code-display', 'code-reader', 'chip', 'reject', 'cross', 'same'].includes(value),
  );

/** A string longer than `max`, of characters the field would otherwise take. */
const tooLong = (max: number, field: string) =>
  fc
    .integer({ min: max + 1, max: Math.min(max * 4, 7000) })
    .map((n) => (field === 'code' ? '7'.repeat(n) : field === 'nonce' ? 'n'.repeat(n) : 'a'.repeat(n)));

function kind<T>(name: string, fixture: Fixture, values: fc.Arbitrary<T>, build: (ctx: Ctx, value: T) => Req): Kind {
  return { name, fixture, run: values.map((value) => (ctx: Ctx) => build(ctx, value)) };
}

function authHeader(endpoint: Endpoint, ctx: Ctx): Record<string, string> {
  if (endpoint.auth === 'session') return { authorization: `Bearer ${ctx.token}` };
  if (endpoint.auth === 'device') return { authorization: `Bearer ${ctx.deviceToken}` };
  return {};
}

function request(endpoint: Endpoint, ctx: Ctx, patch: Partial<Req> & { body?: unknown } = {}): Req {
  const body = 'body' in patch ? patch.body : endpoint.body?.(ctx);
  const payload = patch.payload ?? (body === undefined ? undefined : JSON.stringify(body));
  const headers: Record<string, string | undefined> = {
    origin: BANK_ORIGIN,
    ...authHeader(endpoint, ctx),
    ...(payload !== undefined ? { 'content-type': 'application/json' } : {}),
    ...patch.headers,
  };
  return {
    method: patch.method ?? endpoint.method,
    url: patch.url ?? endpoint.path(ctx),
    headers,
    ...(payload !== undefined ? { payload } : {}),
  };
}

function bodyKinds(endpoint: Endpoint): Kind[] {
  if (!endpoint.body) return [];
  const e = endpoint;
  const f = e.fixture;
  const kinds: Kind[] = [
    kind(
      `${e.name}: invalid JSON syntax`,
      f,
      fc.oneof(
        fc.constantFrom(
          '{',
          '{"a":',
          '{a:1}',
          "{'a':1}",
          '[1,]',
          'nul',
          '{"a":1}}',
          'NaN',
          '{"a":01}',
          '{"a":"\\x41"}',
        ),
        fc.string().map((s) => `{"${s.replace(/"/g, '')}`),
      ),
      (c, payload) => request(e, c, { payload }),
    ),
    kind(`${e.name}: truncated body`, f, fc.double({ min: 0, max: 0.999, noNaN: true }), (c, at) => {
      const text = JSON.stringify(e.body?.(c));
      return request(e, c, { payload: text.slice(0, Math.max(1, Math.floor(text.length * at))) });
    }),
    kind(`${e.name}: empty body with a JSON type`, f, fc.constant(''), (c, payload) => request(e, c, { payload })),
    kind(`${e.name}: top-level array`, f, fc.array(anyJson, { maxLength: 4 }), (c, body) => request(e, c, { body })),
    kind(`${e.name}: top-level scalar`, f, wrongScalar, (c, body) => request(e, c, { body })),
    kind(`${e.name}: top-level string`, f, fc.string(), (c, body) => request(e, c, { body })),
    kind(`${e.name}: body over 8 KB`, f, fc.integer({ min: 8300, max: 40_000 }), (c, n) =>
      request(e, c, { body: { ...e.body?.(c), padding: 'p'.repeat(n) } }),
    ),
    kind(`${e.name}: Content-Length says more than sent`, f, fc.integer({ min: 1, max: 8000 }), (c, extra) => {
      const payload = JSON.stringify(e.body?.(c));
      return request(e, c, { payload, headers: { 'content-length': String(Buffer.byteLength(payload) + extra) } });
    }),
    kind(`${e.name}: Content-Length says less than sent`, f, fc.integer({ min: 1, max: 5 }), (c, less) => {
      const payload = JSON.stringify(e.body?.(c));
      return request(e, c, { payload, headers: { 'content-length': String(Buffer.byteLength(payload) - less) } });
    }),
    kind(
      `${e.name}: a non-JSON content type`,
      f,
      fc.constantFrom(
        'text/plain',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/xml',
        'application/json-patch+json',
        'application/jsonx',
        'text/json',
        'application/octet-stream',
        ';;;',
        'json',
      ),
      (c, type) => request(e, c, { headers: { 'content-type': type } }),
    ),
    kind(`${e.name}: a body without a content type`, f, fc.constant(0), (c) =>
      request(e, c, { headers: { 'content-type': undefined } }),
    ),
    kind(
      `${e.name}: an unknown field`,
      f,
      fc
        .tuple(fc.string({ minLength: 1, maxLength: 20 }), anyJson)
        .filter(([key]) => !(key in (e.fields ?? {})) && key !== '__proto__'),
      (c, [key, value]) => request(e, c, { body: { ...e.body?.(c), [key]: value } }),
    ),
    kind(`${e.name}: __proto__ or constructor keys`, f, fc.constantFrom('__proto__', 'constructor'), (c, key) => {
      const inner = key === 'constructor' ? '{"prototype":{"admin":true}}' : '{"admin":true}';
      return request(e, c, { payload: `{"${key}":${inner},${JSON.stringify(e.body?.(c)).slice(1)}` });
    }),
    kind(`${e.name}: UTF-16 encoded body`, f, fc.constantFrom('utf16le', 'utf16be'), (c, encoding) => {
      const le = Buffer.from(JSON.stringify(e.body?.(c)), 'utf16le');
      return request(e, c, { payload: encoding === 'utf16le' ? le : Buffer.from(le).swap16() });
    }),
    kind(`${e.name}: gzip bytes sent as JSON`, f, fc.boolean(), (c, withHeader) =>
      request(e, c, {
        payload: gzipSync(JSON.stringify(e.body?.(c))),
        headers: withHeader ? { 'content-encoding': 'gzip' } : {},
      }),
    ),
    kind(
      `${e.name}: invalid UTF-8 bytes before the JSON`,
      f,
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      (c, bytes) =>
        request(e, c, {
          payload: Buffer.concat([Buffer.from([0xff]), Buffer.from(bytes), Buffer.from(JSON.stringify(e.body?.(c)))]),
        }),
    ),
    kind(`${e.name}: base64 of the JSON`, f, fc.constant(0), (c) =>
      request(e, c, { payload: Buffer.from(JSON.stringify(e.body?.(c))).toString('base64') }),
    ),
  ];
  for (const [field, rule] of Object.entries(e.fields ?? {})) {
    const set = (c: Ctx, value: unknown) => request(e, c, { body: { ...e.body?.(c), [field]: value } });
    kinds.push(
      kind(`${e.name}: missing ${field}`, f, fc.constant(0), (c) => {
        const body = { ...e.body?.(c) };
        delete body[field];
        return request(e, c, { body });
      }),
      kind(`${e.name}: ${field} of the wrong type`, f, rule.kind === 'object' ? wrongForObject : wrongForString, set),
      kind(`${e.name}: ${field} nested 40 to 400 deep`, f, fc.integer({ min: 40, max: 400 }), (c, depth) =>
        request(e, c, {
          payload: JSON.stringify({ ...e.body?.(c), [field]: 0 }).replace(
            `"${field}":0`,
            `"${field}":${'['.repeat(depth)}${']'.repeat(depth)}`,
          ),
        }),
      ),
    );
    if (rule.kind === 'string') {
      kinds.push(kind(`${e.name}: ${field} too long`, f, tooLong(rule.max ?? 64, field), set));
      if (rule.nonEmpty) kinds.push(kind(`${e.name}: ${field} empty`, f, fc.constant(''), set));
      kinds.push(
        kind(
          `${e.name}: ${field} with a lone surrogate`,
          f,
          fc.constantFrom('\\ud800', '\\udfff', 'a\\ud83d'),
          (c, s) =>
            request(e, c, {
              payload: JSON.stringify({ ...e.body?.(c), [field]: '@@' }).replace('"@@"', `"${s}"`),
            }),
        ),
        kind(
          `${e.name}: ${field} with control or bidi characters`,
          f,
          fc.tuple(
            fc.constantFrom('\u0000', '\u0007', '\u001b', '\u202e', '\u2066', '\u007f'),
            fc.string({ maxLength: 10 }),
          ),
          (c, [ch, rest]) => set(c, `${rest}${ch}${rest}`),
        ),
      );
    }
    if (rule.kind === 'enum') kinds.push(kind(`${e.name}: ${field} not one of its values`, f, enumJunk, set));
  }
  return kinds;
}

function authKinds(endpoint: Endpoint): Kind[] {
  if (endpoint.auth === 'none') return [];
  const e = endpoint;
  const f = e.fixture;
  const withAuth = (c: Ctx, value: string | undefined) => request(e, c, { headers: { authorization: value } });
  const kinds: Kind[] = [
    kind(`${e.name}: no Authorization`, f, fc.constant(undefined), withAuth),
    kind(
      `${e.name}: another auth scheme`,
      f,
      fc.constantFrom('Basic', 'Token', 'Digest', 'bearer', 'BEARER', 'Bearer:'),
      (c, scheme) => withAuth(c, `${scheme} ${e.auth === 'device' ? c.deviceToken : c.token}`),
    ),
    kind(`${e.name}: a malformed bearer token`, f, junkToken, (c, token) => withAuth(c, `Bearer ${token}`)),
    kind(`${e.name}: an unknown well-formed token`, f, tokenLike, (c, token) => withAuth(c, `Bearer ${token}`)),
    kind(`${e.name}: two tokens`, f, fc.constant(0), (c) => withAuth(c, `Bearer ${c.token} ${c.deviceToken}`)),
    kind(
      `${e.name}: the token only in the query`,
      f,
      fc.constantFrom('token', 'access_token', 'session_token'),
      (c, name) => {
        const req = withAuth(c, undefined);
        return { ...req, url: `${req.url}${req.url.includes('?') ? '&' : '?'}${name}=${c.token}` };
      },
    ),
  ];
  if (e.auth === 'session') {
    kinds.push(
      kind(`${e.name}: another session's token`, f, fc.constant(0), (c) => withAuth(c, `Bearer ${c.otherToken}`)),
      kind(`${e.name}: a device token`, f, fc.constant(0), (c) => withAuth(c, `Bearer ${c.deviceToken}`)),
      kind(`${e.name}: an unknown session id`, f, fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), (c, id) =>
        request(e, c, { url: e.path(c).replace(c.id, id) }),
      ),
      kind(`${e.name}: a junk session id`, f, pathJunk, (c, id) => request(e, c, { url: e.path(c).replace(c.id, id) })),
    );
  } else {
    kinds.push(kind(`${e.name}: a session token`, f, fc.constant(0), (c) => withAuth(c, `Bearer ${c.token}`)));
    if (e.path({ requestId: 'RID' } as Ctx).includes('RID')) {
      kinds.push(
        kind(`${e.name}: an unknown request id`, f, fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), (c, id) =>
          request(e, c, { url: e.path(c).replace(c.requestId, id) }),
        ),
        kind(`${e.name}: a junk request id`, f, pathJunk, (c, id) =>
          request(e, c, { url: e.path(c).replace(c.requestId, id) }),
        ),
        kind(`${e.name}: another identity's device`, f, fc.constant(0), (c) =>
          withAuth(c, `Bearer ${c.strangerToken}`),
        ),
      );
    }
  }
  return kinds;
}

function verbKinds(endpoint: Endpoint): Kind[] {
  return [
    kind(
      `${endpoint.name}: a verb it does not take`,
      endpoint.fixture,
      fc.constantFrom('PUT', 'DELETE', 'PATCH') as fc.Arbitrary<Req['method']>,
      (c, method) => request(endpoint, c, { method }),
    ),
  ];
}

function emptyBodyKinds(endpoint: Endpoint): Kind[] {
  if (endpoint.body || endpoint.method !== 'POST') return [];
  const e = endpoint;
  return [
    kind(
      `${e.name}: a body where none is taken`,
      e.fixture,
      fc
        .dictionary(fc.string({ minLength: 1, maxLength: 8 }), anyJson, { minKeys: 1, maxKeys: 3 })
        .filter((d) => !Object.keys(d).includes('__proto__')),
      (c, body) => request(e, c, { body }),
    ),
    kind(`${e.name}: an array where none is taken`, e.fixture, fc.array(anyJson, { maxLength: 3 }), (c, body) =>
      request(e, c, { body }),
    ),
  ];
}

const longPoll = ENDPOINTS.find((e) => e.name === 'long-poll') as Endpoint;
const stream = ENDPOINTS.find((e) => e.name === 'event stream') as Endpoint;
const create = ENDPOINTS.find((e) => e.name === 'create session') as Endpoint;
const at = (name: string) => ENDPOINTS.find((e) => e.name === name) as Endpoint;
const digits = fc.stringMatching(/^[0-9]{1,6}$/);

/** Query strings of the long-poll and requests out of order, for the session's state. */
const SPECIAL_KINDS: Kind[] = [
  ...(
    [
      [
        'an unknown query parameter',
        fc
          .string({ minLength: 1, maxLength: 10 })
          .filter((k) => !['wait', 'after', '__proto__', 'constructor'].includes(k))
          .map((k) => `${encodeURIComponent(k)}=1`),
      ],
      [
        'wait not a number',
        fc.constantFrom('x', '1e1', '0x1', 'NaN', 'Infinity', '', '%20', 'true').map((v) => `wait=${v}`),
      ],
      ['wait over 30', fc.integer({ min: 31, max: 10 ** 9 }).map((v) => `wait=${v}`)],
      ['a negative wait', fc.integer({ min: -1_000_000, max: -1 }).map((v) => `wait=${v}`)],
      [
        'a fractional wait',
        fc
          .double({ min: 0.01, max: 29.9, noNaN: true })
          .filter((v) => !Number.isInteger(v))
          .map((v) => `wait=${v}`),
      ],
      ['after not a number', fc.constantFrom('x', '-1', '1.5', '', 'null').map((v) => `after=${v}&wait=0`)],
      ['after with 16+ digits', fc.stringMatching(/^[1-9][0-9]{15,20}$/).map((v) => `after=${v}`)],
      ['a parameter twice', digits.map((v) => `wait=${v.slice(0, 1)}&wait=0`)],
    ] as const
  ).map(([name, values]) =>
    kind(`long-poll: ${name}`, 'fresh', values as fc.Arbitrary<string>, (c, query) =>
      request(longPoll, c, { url: `${longPoll.path(c)}?${query}` }),
    ),
  ),
  kind('event stream: junk Last-Event-ID with a wrong token', 'fresh', fc.string({ maxLength: 20 }), (c, id) =>
    request(stream, c, {
      headers: { authorization: `Bearer ${'x'.repeat(43)}`, 'last-event-id': id.replace(/[\r\n]/g, '') },
    }),
  ),
  kind(
    'create session: a foreign or missing Origin',
    'none',
    fc.constantFrom(
      undefined,
      'null',
      'https://evil.example',
      'http://bank.example',
      'https://bank.example:444',
      'https://bank.example.evil.example',
      'file://',
    ),
    (c, origin) => request(create, c, { headers: { origin } }),
  ),
  kind(
    'create session: an unknown client',
    'none',
    fc.string({ minLength: 1, maxLength: 64 }).filter((s) => !['netbank', 'kommune'].includes(s)),
    (c, client_id) => request(create, c, { body: { ...create.body?.(c), client_id } }),
  ),
  kind(
    'create session: a CPR-shaped user ID',
    'none',
    fc.tuple(
      fc.integer({ min: 1, max: 28 }),
      fc.integer({ min: 1, max: 12 }),
      fc.integer({ min: 0, max: 99 }),
      fc.integer({ min: 0, max: 9999 }),
      fc.constantFrom('', '-', ' '),
    ),
    (c, [d, m, y, s, sep]) =>
      request(create, c, {
        body: {
          ...create.body?.(c),
          user_id: `${String(d).padStart(2, '0')}${String(m).padStart(2, '0')}${String(y).padStart(2, '0')}${sep}${String(s).padStart(4, '0')}`,
        },
      }),
  ),
  kind(
    'create session: a user ID with characters outside the rules',
    'none',
    fc
      .string({ minLength: 1, maxLength: 30 })
      .filter((s) => s.trim().length > 0 && !/^[\p{L}\p{N}._@+-]+$/u.test(s.trim())),
    (c, user_id) => request(create, c, { body: { ...create.body?.(c), user_id } }),
  ),
  kind('create session: a login with a transaction', 'none', fc.string({ minLength: 1, maxLength: 50 }), (c, text) =>
    request(create, c, { body: { ...create.body?.(c), transaction: { text } } }),
  ),
  kind('create session: an approval without a transaction', 'none', fc.constant(0), (c) =>
    request(create, c, { body: { ...create.body?.(c), mode: 'approve' } }),
  ),
  kind('create session: a transaction text over 500 code points', 'none', fc.integer({ min: 501, max: 1500 }), (c, n) =>
    request(create, c, { body: { ...create.body?.(c), mode: 'approve', transaction: { text: 'ø'.repeat(n) } } }),
  ),
  kind(
    'create session: a blank or bidi transaction text',
    'none',
    fc.constantFrom(' ', '\n\n', 'a\u202eb', 'a\u2067b', 'x\u0000'),
    (c, text) => request(create, c, { body: { ...create.body?.(c), mode: 'approve', transaction: { text } } }),
  ),
  kind(
    'create session: a transaction with an extra field',
    'none',
    fc.string({ minLength: 1, maxLength: 8 }).filter((k) => k !== 'text' && k !== '__proto__'),
    (c, key) =>
      request(create, c, { body: { ...create.body?.(c), mode: 'approve', transaction: { text: 'ok', [key]: 1 } } }),
  ),
  kind(
    'create session: a nonce with characters outside its set',
    'none',
    fc.string({ minLength: 16, maxLength: 40 }).filter((s) => /[^A-Za-z0-9._~+/=-]/.test(s)),
    (c, nonce) => request(create, c, { body: { ...create.body?.(c), nonce } }),
  ),
  kind(
    'choose method: device with a code method',
    'fresh',
    fc.tuple(fc.constantFrom('code-display', 'code-reader', 'chip'), fc.constantFrom('cross', 'same')),
    (c, [method, device]) => request(at('choose method'), c, { body: { method, device } }),
  ),
  kind('choose method: device not one of its values', 'fresh', enumJunk, (c, device) =>
    request(at('choose method'), c, { body: { method: 'app', device } }),
  ),
  // Steps out of order.
  kind(
    'code before a method',
    'fresh',
    digits.map((d) => d.padStart(6, '0')),
    (c, code) => request(at('code'), c, { url: `/v1/sessions/${c.id}/code`, body: { code } }),
  ),
  kind('password before a method', 'fresh', fc.string({ minLength: 1, maxLength: 40 }), (c, password) =>
    request(at('password'), c, { url: `/v1/sessions/${c.id}/password`, body: { password } }),
  ),
  kind('password while a code is awaited', 'code', fc.string({ minLength: 1, maxLength: 40 }), (c, password) =>
    request(at('password'), c, { url: `/v1/sessions/${c.id}/password`, body: { password } }),
  ),
  kind(
    'code on a chip session',
    'chip',
    digits.map((d) => d.padStart(6, '0')),
    (c, code) => request(at('code'), c, { url: `/v1/sessions/${c.id}/code`, body: { code } }),
  ),
  kind('password before the key', 'chip', fc.string({ minLength: 1, maxLength: 40 }), (c, password) =>
    request(at('password'), c, { url: `/v1/sessions/${c.id}/password`, body: { password } }),
  ),
  kind('WebAuthn response before options', 'chipReady', fc.constant(0), (c) =>
    request(at('WebAuthn response'), c, { url: `/v1/sessions/${c.id}/webauthn` }),
  ),
  kind(
    'WebAuthn response of garbage bytes',
    'chipOptions',
    fc.tuple(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.uint8Array({ minLength: 1, maxLength: 200 })),
    (c, [data, sig]) =>
      request(at('WebAuthn response'), c, {
        body: {
          response: {
            ...VALID_ASSERTION_RESPONSE,
            response: {
              clientDataJSON: Buffer.from(data).toString('base64url'),
              authenticatorData: Buffer.from(data).toString('base64url'),
              signature: Buffer.from(sig).toString('base64url'),
            },
          },
        },
      }),
  ),
  kind('WebAuthn response with a wrong type', 'chipOptions', enumJunk, (c, type) =>
    request(at('WebAuthn response'), c, { body: { response: { ...VALID_ASSERTION_RESPONSE, type } } }),
  ),
  kind(
    'WebAuthn response with a non-base64url id',
    'chipOptions',
    fc.string({ minLength: 1, maxLength: 40 }).filter((s) => /[^A-Za-z0-9_-]/.test(s)),
    (c, id) => request(at('WebAuthn response'), c, { body: { response: { ...VALID_ASSERTION_RESPONSE, id } } }),
  ),
  kind('QR frame before the app is chosen', 'fresh', fc.constant(0), (c) => request(at('QR frame'), c)),
  kind('QR frame of a code session', 'code', fc.constant(0), (c) => request(at('QR frame'), c)),
  kind('extend past the limit', 'extendedOut', fc.constant(0), (c) => request(at('extend'), c)),
  kind(
    'code after the session locked',
    'locked',
    digits.map((d) => d.padStart(6, '0')),
    (c, code) => request(at('code'), c, { body: { code } }),
  ),
  ...(['choose method', 'code', 'password', 'WebAuthn options', 'extend', 'cancel', 'QR frame'] as const).map((name) =>
    kind(`${name} on a finished session`, 'finished', fc.constant(0), (c) =>
      request(at(name), c, { url: at(name).path(c) }),
    ),
  ),
  kind(
    'scan a forged frame',
    'annaCross',
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), fc.nat(100), fc.stringMatching(/^[A-Za-z0-9_-]{22}$/)),
    (c, [qr, s, mac]) => request(at('app scan'), c, { body: { frame: `MQR1.${qr}.${s}.${mac}` } }),
  ),
  kind('scan a frame with its MAC changed', 'annaCross', fc.stringMatching(/^[A-Za-z0-9_-]{22}$/), (c, mac) =>
    request(at('app scan'), c, { body: { frame: c.frame.replace(/[^.]+$/, mac) } }),
  ),
  kind(
    'scan something that is no frame',
    'annaCross',
    fc.oneof(fc.webUrl(), fc.string({ minLength: 1, maxLength: 200 })),
    (c, frame) => request(at('app scan'), c, { body: { frame } }),
  ),
  kind('scan a frame of another identity\u2019s session', 'annaCross', fc.constant(0), (c) =>
    request(at('app scan'), c, { headers: { authorization: `Bearer ${c.strangerToken}` } }),
  ),
  kind('open before the scan', 'annaCross', fc.constant(0), (c) => request(at('app open'), c)),
  kind('decision before open', 'annaScanned', fc.constantFrom('approve', 'reject'), (c, decision) =>
    request(at('app decision'), c, { body: { decision, signature: b64(86) } }),
  ),
  kind(
    'decision with a wrong signature',
    'annaOpened',
    fc.tuple(fc.constantFrom('approve', 'reject'), fc.stringMatching(/^[A-Za-z0-9_-]{86}$/)),
    (c, [decision, signature]) => request(at('app decision'), c, { body: { decision, signature } }),
  ),
  kind(
    'activate with a wrong activation code',
    'none',
    fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    (c, code) => request(at('app activate'), c, { body: { ...at('app activate').body?.(c), activation_code: code } }),
  ),
  kind('activate with a password instead of a proof', 'none', fc.constant(0), (c) => {
    const { activation_code: _proof, ...rest } = at('app activate').body?.(c) as Record<string, unknown>;
    return request(at('app activate'), c, { body: { ...rest, user_id: bo.userId, password: bo.password } });
  }),
  kind('activate with no proof, or both', 'none', fc.boolean(), (c, both) => {
    const { activation_code: _proof, ...rest } = at('app activate').body?.(c) as Record<string, unknown>;
    const body = both ? { ...rest, activation_code: 'ZZZZ-ZZZZ-ZZZZ', activation_ticket: 'ZZZZ-ZZZZ' } : rest;
    return request(at('app activate'), c, { body });
  }),
  kind(
    'activate with a key not on P-256',
    'none',
    fc.tuple(fc.stringMatching(/^[A-Za-z0-9_-]{43}$/), fc.stringMatching(/^[A-Za-z0-9_-]{43}$/)),
    (c, [x, y]) =>
      request(at('app activate'), c, {
        body: { ...at('app activate').body?.(c), device_public_key: { kty: 'EC', crv: 'P-256', x, y } },
      }),
  ),
  kind(
    'activate with a key of another type',
    'none',
    fc.tuple(fc.constantFrom('RSA', 'OKP', 'oct', 'ec'), fc.constantFrom('P-384', 'P-521', 'Ed25519', 'secp256k1')),
    (c, [kty, crv]) =>
      request(at('app activate'), c, {
        body: { ...at('app activate').body?.(c), device_public_key: { kty, crv, x: b64(43), y: b64(43) } },
      }),
  ),
  kind('activate with extra key fields', 'none', fc.constantFrom('d', 'n', 'e', 'k', 'alg'), (c, field) =>
    request(at('app activate'), c, {
      body: {
        ...at('app activate').body?.(c),
        device_public_key: { kty: 'EC', crv: 'P-256', x: b64(43), y: b64(43), [field]: b64(43) },
      },
    }),
  ),
  kind(
    'enrol options without a registered Origin',
    'none',
    fc.constantFrom(undefined, 'null', 'https://evil.example', 'https://BANK.example'),
    (c, origin) => request(at('chip enrolment options'), c, { headers: { origin } }),
  ),
  kind(
    'enrol options with a wrong activation code',
    'none',
    fc.stringMatching(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/),
    (c, code) => request(at('chip enrolment options'), c, { body: { user_id: dan.userId, activation_code: code } }),
  ),
  kind('enrol options with a password instead of a proof', 'none', fc.constant(0), (c) =>
    request(at('chip enrolment options'), c, { body: { user_id: bo.userId, password: bo.password } }),
  ),
  kind('enrol with an unknown token', 'enrolment', tokenLike, (c, token) =>
    request(at('chip enrolment'), c, { body: { enrolment_token: token, response: VALID_REGISTRATION_RESPONSE } }),
  ),
  kind('enrol with a garbage attestation', 'enrolment', fc.uint8Array({ minLength: 1, maxLength: 300 }), (c, bytes) =>
    request(at('chip enrolment'), c, {
      body: {
        enrolment_token: c.enrolmentToken,
        response: {
          ...VALID_REGISTRATION_RESPONSE,
          response: { clientDataJSON: b64(40), attestationObject: Buffer.from(bytes).toString('base64url') },
        },
      },
    }),
  ),
];

const KINDS: Kind[] = [
  ...ENDPOINTS.flatMap((endpoint) => [
    ...bodyKinds(endpoint),
    ...authKinds(endpoint),
    ...verbKinds(endpoint),
    ...emptyBodyKinds(endpoint),
  ]),
  ...SPECIAL_KINDS,
];

// ————— fixtures —————
class Fixtures {
  private annaSession: { id: string; token: string } | undefined;
  device!: AppDevice;
  stranger!: AppDevice;
  counter = 0;

  constructor(private readonly broker: TestBroker) {}

  async setUp(): Promise<void> {
    this.device = await activateByLetter(this.broker, anna.userId, 'Fuzz phone');
    const eva = identity('eva.flere');
    this.stranger = await activateByLetter(this.broker, eva.userId, 'Stranger');
  }

  private async session(userId: string) {
    return this.broker.createSession({ user_id: userId });
  }

  private async post(id: string, token: string, step: string, body?: unknown) {
    const response = await this.broker.call('POST', `/v1/sessions/${id}/${step}`, token, body);
    if (response.statusCode >= 300 && !(step === 'code' && response.statusCode < 500)) {
      throw new Error(`fixture ${step}: ${response.statusCode} ${response.body}`);
    }
    return response;
  }

  /** A second pending session, whose token the kinds offer to the first; one per pass. */
  other: { id: string; token: string } | undefined;

  async make(fixture: Fixture): Promise<Ctx> {
    this.other ??= await this.session('fz.other');
    const other = this.other;
    const ctx: Ctx = {
      id: other.id,
      token: other.token,
      otherToken: other.token,
      deviceToken: this.device.token,
      strangerToken: this.stranger.token,
      requestId: 'none',
      frame: 'none',
      enrolmentToken: 'x'.repeat(43),
    };
    if (fixture === 'none') return ctx;
    if (fixture === 'enrolment') {
      const response = await this.broker.app.inject({
        method: 'POST',
        url: '/v1/enrol/chip/options',
        headers: { origin: BANK_ORIGIN },
        payload: { user_id: dan.userId, activation_code: await newLetter(this.broker, dan.userId) },
      });
      ctx.enrolmentToken = response.json<{ enrolment_token: string }>().enrolment_token;
      return ctx;
    }
    const annaFixture = fixture.startsWith('anna');
    if (annaFixture && this.annaSession) {
      // One pending app request for Anna at a time: a second would stop both (parallel-session).
      await this.broker.call('POST', `/v1/sessions/${this.annaSession.id}/cancel`, this.annaSession.token);
    }
    // Anna's fixtures need her app; every other one gets a user ID of its own, since wrong tries now count per
    // user ID: a shared one would be blocked after a few kinds and refuse the next fixture's method.
    const userId = annaFixture ? anna.userId : `fz.user${this.counter++}`;
    const own = await this.session(userId);
    Object.assign(ctx, { id: own.id, token: own.token });
    if (annaFixture) this.annaSession = own;
    switch (fixture) {
      case 'fresh':
        return ctx;
      case 'finished':
        await this.post(own.id, own.token, 'cancel');
        return ctx;
      case 'extendedOut':
        for (let i = 0; i < this.broker.app.broker.settings.maxExtensions; i += 1)
          await this.post(own.id, own.token, 'extend');
        return ctx;
      case 'code':
      case 'locked':
        await this.post(own.id, own.token, 'method', { method: 'code-display' });
        if (fixture === 'locked')
          for (let i = 0; i < this.broker.app.broker.settings.failureLimit; i += 1)
            await this.post(own.id, own.token, 'code', { code: '000000' });
        return ctx;
      case 'chip':
      case 'chipReady':
      case 'chipOptions':
        // The key comes first now: 'chip' and 'chipReady' are the same step (waiting for the key).
        await this.post(own.id, own.token, 'method', { method: 'chip' });
        if (fixture === 'chipOptions') await this.post(own.id, own.token, 'webauthn/options');
        return ctx;
      default: {
        await this.post(own.id, own.token, 'method', { method: 'app' });
        const qr = await this.broker.call('GET', `/v1/sessions/${own.id}/qr`, own.token);
        ctx.frame = qr.json<QrFrameResponse>().frame;
        if (!annaFixture) return ctx;
        // Not listed before it is scanned: the app learns a request only from its QR code (or its link).
        ctx.requestId = (await this.broker.app.broker.store.get(own.id))?.app?.requestId ?? 'none';
        if (fixture === 'annaCross') return ctx;
        const scanned = await this.device.scan(ctx.frame);
        if (scanned.status !== 200) throw new Error(`fixture scan: ${scanned.text}`);
        if (fixture === 'annaOpened') {
          const opened = await this.device.open(ctx.requestId);
          if (opened.status !== 200) throw new Error(`fixture open: ${opened.text}`);
          ctx.requestId = opened.json<AppRequest>().request_id;
        }
        return ctx;
      }
    }
  }
}

interface Tally {
  kinds: number;
  requests: number;
  byStatus: Map<number, number>;
  byCode: Map<string, number>;
}

async function fuzz(broker: TestBroker, fixtures: Fixtures, runs: number, seed: number): Promise<Tally> {
  fixtures.other = undefined;
  const tally: Tally = { kinds: KINDS.length, requests: 0, byStatus: new Map(), byCode: new Map() };
  for (const [index, entry] of KINDS.entries()) {
    await fc.assert(
      fc.asyncProperty(entry.run, async (build) => {
        const ctx = await fixtures.make(entry.fixture);
        const req = build(ctx);
        const headers = Object.fromEntries(
          Object.entries(req.headers ?? {}).filter((pair): pair is [string, string] => pair[1] !== undefined),
        );
        const response = await broker.app.inject({
          method: req.method,
          url: req.url,
          headers,
          ...(req.payload !== undefined ? { payload: req.payload } : {}),
        });
        tally.requests += 1;
        tally.byStatus.set(response.statusCode, (tally.byStatus.get(response.statusCode) ?? 0) + 1);
        const where = `${entry.name} — ${req.method} ${req.url.slice(0, 120)}`;
        assert.ok(
          response.statusCode >= 400 && response.statusCode < 500,
          `${where} → ${response.statusCode} ${response.body.slice(0, 300)}`,
        );
        assert.match(String(response.headers['content-type']), /^application\/json/, where);
        const body = response.json<ErrorBody>();
        const code = body.error?.code as ErrorCode;
        assert.equal(statusOf(code), response.statusCode, `${where}: code ${code} with status ${response.statusCode}`);
        assert.equal(typeof body.error.message, 'string', where);
        tally.byCode.set(code, (tally.byCode.get(code) ?? 0) + 1);
      }),
      { numRuns: runs, seed: seed + index, endOnFailure: true },
    );
  }
  return tally;
}

/** Fails what is pending and forgets everything finished: what a broker left alone for 15 minutes holds. */
async function forgetAll(broker: TestBroker): Promise<void> {
  broker.clock.advance(broker.app.broker.settings.sessionTtlMs * 5 + broker.app.broker.settings.finishedRetentionMs);
  await broker.app.broker.sessions.sweep();
  broker.clock.advance(broker.app.broker.settings.finishedRetentionMs + 1);
  await broker.app.broker.sessions.sweep();
}

function heapAfterGc(): number {
  for (let i = 0; i < 4; i += 1) gc();
  return process.memoryUsage().heapUsed;
}

describe('hardening: fuzzing every endpoint with malformed requests', () => {
  let broker: TestBroker;
  let fixtures: Fixtures;
  before(async () => {
    broker = await startBroker({
      rateLimits: { sessionsPerAddress: 1e9, attemptsPerAddress: 1e9, sessionsPerClient: 1e9, attemptsPerClient: 1e9 },
    });
    fixtures = new Fixtures(broker);
    await fixtures.setUp();
  });
  after(() => broker.close());

  it('has at least 200 distinct malformed kinds covering every endpoint', () => {
    const names = new Set(KINDS.map((entry) => entry.name));
    assert.equal(names.size, KINDS.length, 'kind names are distinct');
    assert.ok(KINDS.length >= 200, `${KINDS.length} kinds`);
    for (const endpoint of ENDPOINTS) {
      assert.ok(
        KINDS.some((entry) => entry.name.startsWith(`${endpoint.name}:`)),
        `no kind for ${endpoint.name}`,
      );
    }
  });

  it('answers every kind with a 4xx JSON error of a stable code, never a 5xx; memory returns to its level', async (t) => {
    // Warm-up: every kind once (code paths compiled, caches filled), then everything forgotten: the baseline.
    await fuzz(broker, fixtures, 1, SEED ^ 0x5a5a);
    await forgetAll(broker);
    const baseline = heapAfterGc();

    const started = performance.now();
    const tally = await fuzz(broker, fixtures, RUNS, SEED);
    const seconds = (performance.now() - started) / 1000;
    const peak = heapAfterGc();
    await forgetAll(broker);
    const settled = heapAfterGc();

    const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
    const statuses = [...tally.byStatus.entries()].sort((a, b) => a[0] - b[0]);
    const codes = [...tally.byCode.entries()].sort((a, b) => b[1] - a[1]);
    t.diagnostic(`seed ${SEED}, ${RUNS} runs per kind, ${seconds.toFixed(1)} s`);
    t.diagnostic(`kinds ${tally.kinds}, requests ${tally.requests}`);
    t.diagnostic(`by status: ${statuses.map(([status, n]) => `${status}×${n}`).join(', ')}`);
    t.diagnostic(`by code: ${codes.map(([code, n]) => `${code}×${n}`).join(', ')}`);
    t.diagnostic(
      `heap after GC: baseline ${mb(baseline)} MB, after the run ${mb(peak)} MB, after the sweep ${mb(settled)} MB`,
    );
    assert.ok(tally.requests >= tally.kinds * RUNS);
    assert.ok(![...tally.byStatus.keys()].some((status) => status >= 500), 'no 5xx');
    assert.ok(tally.byCode.size >= 15, `${tally.byCode.size} distinct codes exercised`);
    // Back to its level: within 4 MB of the baseline (the sessions of the run alone take more than that).
    assert.ok(settled - baseline < 4 * 2 ** 20, `heap grew by ${mb(settled - baseline)} MB`);

    // Alive and well: health, and a whole login.
    assert.equal((await broker.app.inject({ method: 'GET', url: '/healthz' })).statusCode, 200);
    broker.clock.advance(30_000);
    const { status } = await loginByCode(broker);
    assert.equal(status.status, 'complete');
  });
});
