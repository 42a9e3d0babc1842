/**
 * The kinds that belong to one endpoint or one step rather than to the table: the long-poll's query, the origin,
 * client and texts of a new session, the device of a method, steps out of order, finished and locked sessions,
 * forged QR frames, app decisions, activation keys and chip enrolment.
 */
import fc from 'fast-check';
import {
  b64,
  bo,
  dan,
  ENDPOINTS,
  VALID_ASSERTION_RESPONSE,
  VALID_REGISTRATION_RESPONSE,
  type Endpoint,
  type Kind,
} from './endpoints.js';
import { enumJunk, kind, request, tokenLike } from './generic-kinds.js';

const longPoll = ENDPOINTS.find((e) => e.name === 'long-poll') as Endpoint;
const stream = ENDPOINTS.find((e) => e.name === 'event stream') as Endpoint;
const create = ENDPOINTS.find((e) => e.name === 'create session') as Endpoint;
const at = (name: string) => ENDPOINTS.find((e) => e.name === name) as Endpoint;
const digits = fc.stringMatching(/^[0-9]{1,6}$/);

/** Query strings of the long-poll and requests out of order, for the session's state. */
export const SPECIAL_KINDS: Kind[] = [
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
