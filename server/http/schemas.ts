/**
 * JSON Schemas (TypeBox) of every request body. All objects are closed (`additionalProperties: false`) and every
 * string bounded, so odd input is refused with `invalid_request` before any handler runs.
 */
import { Type, type Static } from '@sinclair/typebox';
import { ENROL_LIMITS } from '../../protocol/enrol-api.js';
import { LIMITS } from '../../protocol/page-api.js';

const closed = { additionalProperties: false } as const;

export const MethodSchema = Type.Union([
  Type.Literal('app'),
  Type.Literal('code-display'),
  Type.Literal('code-reader'),
  Type.Literal('chip'),
]);

export const CreateSessionBody = Type.Object(
  {
    client_id: Type.String({ minLength: 1, maxLength: 64 }),
    mode: Type.Union([Type.Literal('login'), Type.Literal('approve')]),
    // Room for surrounding spaces; the user-ID rules check the trimmed value.
    user_id: Type.Optional(Type.String({ maxLength: LIMITS.userIdMaxLength * 2 })),
    // Sealed by the broker (signing/login-hint.ts); its contents are checked when it is opened.
    login_hint: Type.Optional(Type.String({ minLength: 1, maxLength: 512, pattern: '^[A-Za-z0-9._-]+$' })),
    nonce: Type.String({
      minLength: LIMITS.nonceMinLength,
      maxLength: LIMITS.nonceMaxLength,
      pattern: '^[A-Za-z0-9._~+/=-]+$',
    }),
    browser_key: Type.Optional(Type.String({ minLength: 16, maxLength: 128, pattern: '^[A-Za-z0-9_-]+$' })),
    // Room for CRLF line ends and multi-unit characters; the text rules count code points after normalizing.
    // `details` is checked by transactionDetailsProblem (protocol/rules.ts), which names the rule and the field it
    // breaks (`invalid_transaction`); the body limit bounds its size.
    transaction: Type.Optional(
      Type.Object(
        {
          text: Type.Optional(Type.String({ maxLength: LIMITS.transactionTextMaxLength * 4 })),
          details: Type.Optional(Type.Unknown()),
        },
        closed,
      ),
    ),
    lang: Type.Optional(Type.Union([Type.Literal('da'), Type.Literal('en')])),
  },
  closed,
);

export const ChooseMethodBody = Type.Object(
  { method: MethodSchema, device: Type.Optional(Type.Union([Type.Literal('cross'), Type.Literal('same')])) },
  closed,
);

export const CodeBody = Type.Object({ code: Type.String({ pattern: `^[0-9]{${LIMITS.codeLength}}$` }) }, closed);

export const PasswordBody = Type.Object(
  { password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMaxLength }) },
  closed,
);

const Base64Url = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '^[A-Za-z0-9_-]+={0,2}$' });

// The shapes @simplewebauthn/browser produces; the library checks the contents.
export const AuthenticationResponseBody = Type.Object(
  {
    response: Type.Object({
      id: Base64Url(1024),
      rawId: Base64Url(1024),
      type: Type.Literal('public-key'),
      response: Type.Object({
        clientDataJSON: Base64Url(2048),
        authenticatorData: Base64Url(2048),
        signature: Base64Url(1024),
        userHandle: Type.Optional(Base64Url(512)),
      }),
      authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
      clientExtensionResults: Type.Object({}),
    }),
  },
  closed,
);

/** A key's answer to registration options (`credential.toJSON()`), as @simplewebauthn reads it. */
const RegistrationResponse = Type.Object({
  id: Base64Url(1024),
  rawId: Base64Url(1024),
  type: Type.Literal('public-key'),
  response: Type.Object({
    clientDataJSON: Base64Url(2048),
    attestationObject: Base64Url(4096),
    transports: Type.Optional(Type.Array(Type.String({ maxLength: 32 }), { maxItems: 8 })),
    authenticatorData: Type.Optional(Base64Url(4096)),
    publicKey: Type.Optional(Base64Url(1024)),
    publicKeyAlgorithm: Type.Optional(Type.Integer()),
  }),
  authenticatorAttachment: Type.Optional(Type.String({ maxLength: 32 })),
  clientExtensionResults: Type.Object({}),
});

export const RegistrationResponseBody = Type.Object(
  { enrolment_token: Type.String({ minLength: 20, maxLength: 200 }), response: RegistrationResponse },
  closed,
);

/** `POST /v1/enrol/chip-key`: a new MitID's chip, and the password that goes with it. */
export const RegisterChipKeyBody = Type.Object(
  {
    response: RegistrationResponse,
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMaxLength }),
  },
  closed,
);
export type RegisterChipKeyBodyType = Static<typeof RegisterChipKeyBody>;

// A letter's code (`XXXX-XXXX-XXXX`) or a ticket (`XXXX-XXXX`), as typed: any case, spaces or dashes.
const ActivationCode = Type.String({ minLength: 8, maxLength: 20, pattern: '^[0-9A-Za-z -]+$' });

/** The proof of an enrolment or activation: one of the two (the handler refuses both or neither). */
const proofFields = {
  activation_code: Type.Optional(ActivationCode),
  activation_ticket: Type.Optional(ActivationCode),
};

export const EnrolmentProofBody = Type.Object(
  { user_id: Type.String({ maxLength: LIMITS.userIdMaxLength * 2 }), ...proofFields },
  closed,
);

export const ActivationTicketBody = Type.Object(
  // A compact JWS of a few hundred bytes; the broker only looks it up, by hash.
  {
    assertion: Type.String({
      minLength: 20,
      maxLength: 4096,
      pattern: '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$',
    }),
  },
  closed,
);

export const OpenBody = Type.Object(
  { link_secret: Type.Optional(Type.String({ minLength: 20, maxLength: 200 })) },
  closed,
);

export const ActivateBody = Type.Object(
  {
    user_id: Type.String({ maxLength: LIMITS.userIdMaxLength * 2 }),
    ...proofFields,
    device_public_key: Type.Object(
      {
        kty: Type.Literal('EC'),
        crv: Type.Literal('P-256'),
        x: Base64Url(64),
        y: Base64Url(64),
        // WebCrypto's exportKey('jwk') adds these; they are accepted and ignored.
        ext: Type.Optional(Type.Boolean()),
        key_ops: Type.Optional(Type.Array(Type.String({ maxLength: 16 }), { maxItems: 4 })),
      },
      closed,
    ),
    device_name: Type.String({ minLength: 1, maxLength: 64, pattern: '^[^\\u0000-\\u001F\\u007F-\\u009F]+$' }),
  },
  closed,
);

export const ScanBody = Type.Object({ frame: Type.String({ minLength: 1, maxLength: 200 }) }, closed);

export const PairBody = Type.Object({ code: Type.String({ minLength: 1, maxLength: 20 }) }, closed);

export const DecisionBody = Type.Object(
  {
    decision: Type.Union([Type.Literal('approve'), Type.Literal('reject')]),
    signature: Type.String({ minLength: 1, maxLength: 200 }),
  },
  closed,
);

export type CreateSessionBodyType = Static<typeof CreateSessionBody>;
export type ChooseMethodBodyType = Static<typeof ChooseMethodBody>;
export type CodeBodyType = Static<typeof CodeBody>;
export type PasswordBodyType = Static<typeof PasswordBody>;
export type EnrolmentProofBodyType = Static<typeof EnrolmentProofBody>;
export type ActivationTicketBodyType = Static<typeof ActivationTicketBody>;
export type OpenBodyType = Static<typeof OpenBody>;
export type ActivateBodyType = Static<typeof ActivateBody>;
export type ScanBodyType = Static<typeof ScanBody>;
export type PairBodyType = Static<typeof PairBody>;
export type DecisionBodyType = Static<typeof DecisionBody>;

// ---- Enrolment (protocol/enrol-api.ts) ---------------------------------------------------------------------

export const CreateEnrolmentBody = Type.Object(
  {
    client_id: Type.String({ minLength: 1, maxLength: 64 }),
    client_assertion_type: Type.Optional(Type.String({ maxLength: 100 })),
    client_assertion: Type.Optional(Type.String({ minLength: 1, maxLength: 4096, pattern: '^[A-Za-z0-9._-]+$' })),
    customer_ref: Type.String({ minLength: 1, maxLength: ENROL_LIMITS.customerRefMaxLength }),
    name: Type.String({ minLength: 1, maxLength: ENROL_LIMITS.nameMaxLength }),
    email: Type.Optional(Type.String({ minLength: 1, maxLength: ENROL_LIMITS.emailMaxLength })),
  },
  closed,
);
export type CreateEnrolmentBodyType = Static<typeof CreateEnrolmentBody>;

export const AcceptTermsBody = Type.Object({ accepted: Type.Literal(true) }, closed);

export const EnrolMethodBody = Type.Object(
  {
    method: Type.Union([
      Type.Literal('app'),
      Type.Literal('code-display'),
      Type.Literal('code-reader'),
      Type.Literal('chip'),
    ]),
  },
  closed,
);
export type EnrolMethodBodyType = Static<typeof EnrolMethodBody>;

export const ContactBody = Type.Object(
  {
    email: Type.Optional(Type.String({ maxLength: ENROL_LIMITS.emailMaxLength })),
    phone: Type.Optional(Type.String({ maxLength: 32 })),
  },
  closed,
);
export type ContactBodyType = Static<typeof ContactBody>;

// Room for surrounding spaces; the rules check the trimmed value.
export const UserIdChoiceBody = Type.Object(
  { user_id: Type.String({ maxLength: LIMITS.userIdMaxLength * 2 }) },
  closed,
);
export type UserIdChoiceBodyType = Static<typeof UserIdChoiceBody>;

export const ActivateCodeDeviceBody = Type.Object(
  {
    serial: Type.String({ minLength: 1, maxLength: 20 }),
    code: Type.String({ pattern: `^[0-9]{${LIMITS.codeLength}}$` }),
    password: Type.String({ minLength: 1, maxLength: LIMITS.passwordMaxLength }),
  },
  closed,
);
export type ActivateCodeDeviceBodyType = Static<typeof ActivateCodeDeviceBody>;

export const IdentitySettingsBody = Type.Object({ notify_every_use: Type.Boolean() }, closed);
export type IdentitySettingsBodyType = Static<typeof IdentitySettingsBody>;
