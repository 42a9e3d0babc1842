/**
 * The arbitraries fast-check draws from, the request builder, and the generic kinds that every endpoint gets from
 * its row in the table: broken bodies and fields, broken or foreign credentials, verbs it does not take, and bodies
 * where none is taken.
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { BANK_ORIGIN } from '../../support/broker.js';
import type { Ctx, Endpoint, FieldRule, Fixture, Kind, Req } from './endpoints.js';

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
/** Anything but a boolean (for `true`-only fields, `false` is added: wrong too). */
const notBoolean = fc.oneof(
  fc.integer(),
  fc.constant(null),
  fc.constantFrom('true', 'false', '1', ''),
  fc.array(fc.boolean(), { maxLength: 3 }),
  fc.dictionary(fc.string(), fc.boolean(), { maxKeys: 3 }),
);
const WRONG: Record<FieldRule['kind'], fc.Arbitrary<unknown>> = {
  string: wrongForString,
  enum: wrongForString,
  'optional-enum': wrongForString,
  object: wrongForObject,
  boolean: notBoolean,
  true: fc.oneof(notBoolean, fc.constant(false)),
};
export const tokenLike = fc.stringMatching(/^[A-Za-z0-9_-]{43}$/);
const junkToken = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9_-]{1,19}$/), // too short
  fc.stringMatching(/^[A-Za-z0-9_-]{201,260}$/), // too long
  fc.stringMatching(/^[A-Za-z0-9_-]{10,30}[ .=+/:!][A-Za-z0-9_-]{10,30}$/), // a character outside base64url
);
const pathJunk = fc.oneof(
  fc.string({ minLength: 1, maxLength: 80 }).map(encodeURIComponent),
  fc.constantFrom('..%2F..%2Fetc%2Fpasswd', '%00', '%E0%A4%A', '%', 'a'.repeat(600), '%F0%9F%92%A9', 'null', '-1'),
);
export const enumJunk = fc
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

export function kind<T>(
  name: string,
  fixture: Fixture,
  values: fc.Arbitrary<T>,
  build: (ctx: Ctx, value: T) => Req,
): Kind {
  return { name, fixture, run: values.map((value) => (ctx: Ctx) => build(ctx, value)) };
}

function authHeader(endpoint: Endpoint, ctx: Ctx): Record<string, string> {
  if (endpoint.auth === 'session') return { authorization: `Bearer ${ctx.token}` };
  if (endpoint.auth === 'device') return { authorization: `Bearer ${ctx.deviceToken}` };
  if (endpoint.auth === 'enrolment') return { authorization: `Bearer ${ctx.enrolmentToken}` };
  if (endpoint.auth === 'identity') return { authorization: `Bearer ${ctx.accessToken}` };
  return {};
}

export function request(endpoint: Endpoint, ctx: Ctx, patch: Partial<Req> & { body?: unknown } = {}): Req {
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

export function bodyKinds(endpoint: Endpoint): Kind[] {
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
      kind(`${e.name}: ${field} of the wrong type`, f, WRONG[rule.kind], set),
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

/** The token an endpoint takes, of the fixture's. */
function ownToken(endpoint: Endpoint, ctx: Ctx): string {
  if (endpoint.auth === 'device') return ctx.deviceToken;
  if (endpoint.auth === 'identity') return ctx.accessToken;
  return endpoint.auth === 'enrolment' ? ctx.enrolmentToken : ctx.token;
}

export function authKinds(endpoint: Endpoint): Kind[] {
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
      (c, scheme) => withAuth(c, `${scheme} ${ownToken(e, c)}`),
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

export function verbKinds(endpoint: Endpoint): Kind[] {
  return [
    kind(
      `${endpoint.name}: a verb it does not take`,
      endpoint.fixture,
      fc.constantFrom('PUT', 'DELETE', 'PATCH') as fc.Arbitrary<Req['method']>,
      (c, method) => request(endpoint, c, { method }),
    ),
  ];
}

export function emptyBodyKinds(endpoint: Endpoint): Kind[] {
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
