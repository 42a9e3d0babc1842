/**
 * `FakeEnrolBroker`: the broker's enrolment API (`/v1/enrol/*`, docs/protocol.md) in memory, for a bank's tests and
 * stories of the page that shows `<mitid-enrol>`, and for the element's own (test/browser/mitid-enrol.test.ts,
 * stories/enrol.stories.ts). Give its `fetch` to the element's `fetchImpl`: it keeps one enrolment's view (set
 * `view` first to start at a later step, as a reload would), checks the order of the steps as the broker does, and
 * answers like it (the same error bodies and codes). What a case needs the broker to refuse is set in `refuse`;
 * `appActivated` plays the customer's phone. A chip's registration options are real in shape (for the page's
 * host); the key's answer is taken as it comes (the real broker verifies it). The real broker is tried end to end in test/e2e/enrol.test.ts.
 */
import type { EnrolmentView } from '../protocol/enrol-api.js';

/** One call the element made, as the fake saw it. */
export interface FakeEnrolCall {
  method: string;
  path: string;
  body: Record<string, unknown>;
  authorization: string | null;
}

/** An answer the fake gives instead of the usual one, once: the HTTP status, the error code and its details. */
export type FakeEnrolRefusal = { status: number; code: string; reason?: string; attempts_left?: number };

export class FakeEnrolBroker {
  /** The enrolment as the broker holds it: a new one has only its expiry, 30 minutes from when the fake was made. */
  view: EnrolmentView;
  readonly calls: FakeEnrolCall[] = [];
  /** The next answer to a path: a refusal, used once. */
  readonly refuse = new Map<string, FakeEnrolRefusal>();
  /** Set when the app has been activated: the next `current` finishes the enrolment. */
  appActivated = false;
  cancelled = false;
  /** While true, every call fails as `fetch` does without a network. */
  offline = false;
  private pending = 0;
  private codes = 0;

  constructor(view: Partial<EnrolmentView> = {}) {
    this.view = { expires_at: new Date(Date.now() + 30 * 60_000).toISOString(), ...view };
  }

  readonly fetch = async (input: RequestInfo | URL, init: RequestInit = {}): Promise<Response> => {
    this.pending += 1;
    try {
      // An answer arrives after the element has rendered its busy state, as a real one would.
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (this.offline) throw new TypeError('Failed to fetch');
      const url = new URL(String(input), location.href);
      const path = url.pathname.replace(/^\/v1\/enrol\//, '');
      const body = init.body ? (JSON.parse(String(init.body)) as Record<string, unknown>) : {};
      const headers = new Headers(init.headers);
      this.calls.push({ method: init.method ?? 'GET', path, body, authorization: headers.get('authorization') });
      return this.answer(path, body);
    } finally {
      this.pending -= 1;
    }
  };

  /**
   * Resolves once no call has been in flight for a few turns of the event loop: the element has read the answer
   * (reading a body takes a task of its own) and rendered it, and made any call that answer leads to.
   */
  async idle(): Promise<void> {
    let quiet = 0;
    for (let round = 0; round < 200 && quiet < 5; round += 1) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      quiet = this.pending === 0 ? quiet + 1 : 0;
    }
    if (quiet < 5) throw new Error('the fake broker still has calls in flight');
  }

  posted(path: string): FakeEnrolCall[] {
    return this.calls.filter((call) => call.path === path && call.method === 'POST');
  }

  private answer(path: string, body: Record<string, unknown>): Response {
    if (this.cancelled) return error(410, 'enrolment_expired');
    const refusal = this.refuse.get(path);
    if (refusal) {
      this.refuse.delete(path);
      const { status, ...rest } = refusal;
      return error(status, rest.code, rest);
    }
    const view = this.view;
    switch (path) {
      case 'current':
        if (this.appActivated && view.method === 'app') view.result = 'eyJ.result.app';
        return json(view);
      case 'terms':
        view.terms_accepted_at = new Date().toISOString();
        return json(view);
      case 'cancel':
        this.cancelled = true;
        return new Response(null, { status: 204 });
    }
    if (!view.terms_accepted_at) return error(409, 'wrong_step');
    switch (path) {
      case 'method':
        view.method = body.method as EnrolmentView['method'];
        return json(view);
      case 'contact':
        view.contact = { ...(body as EnrolmentView['contact']) };
        return json(view);
      case 'user-id':
        if (!view.contact) return error(409, 'wrong_step');
        view.user_id = String(body.user_id);
        return json(view);
      case 'device':
        if (!view.user_id || view.method === 'app' || view.method === 'chip' || !view.method) {
          return error(409, 'wrong_step');
        }
        this.codes += 1;
        view.device = { method: view.method, serial: `1234-5678-${String(this.codes).padStart(2, '0')}` };
        return json(view);
      case 'device/activate':
        if (!view.device) return error(409, 'wrong_step');
        view.result = 'eyJ.result.code';
        return json(view);
      case 'chip-key/options':
        if (!view.user_id || view.method !== 'chip') return error(409, 'wrong_step');
        this.codes += 1;
        return json({ options: chipOptions(view.user_id, this.codes) });
      case 'chip-key':
        if (!view.user_id || view.method !== 'chip' || this.codes === 0) return error(409, 'wrong_step');
        view.result = 'eyJ.result.chip';
        return json(view);
      case 'app':
        if (!view.user_id || view.method !== 'app') return error(409, 'wrong_step');
        this.codes += 1;
        return json({
          user_id: view.user_id,
          activation_code: `ABCD-EFGH-00${this.codes}`,
          expires_at: view.expires_at,
          qr_text: `mitid-activation:1:${view.user_id}:ABCD-EFGH-00${this.codes}`,
        });
    }
    return error(404, 'not_found');
  }
}

/** Registration options of the broker's shape (`PublicKeyCredentialCreationOptionsJSON`), for the page's origin. */
function chipOptions(userId: string, round: number) {
  const b64 = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return {
    rp: { name: 'MitID (test)', id: location.hostname },
    user: { id: b64(userId), name: userId, displayName: userId },
    challenge: b64(`fake-enrol-challenge-${round}`),
    pubKeyCredParams: [{ type: 'public-key', alg: -7 }],
    timeout: 120000,
    attestation: 'none',
    excludeCredentials: [],
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  };
}

function json(body: unknown): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } });
}

function error(status: number, code: string, extra: Record<string, unknown> = {}): Response {
  return new Response(JSON.stringify({ error: { message: code, ...extra, code } }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}
