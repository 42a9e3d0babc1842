/**
 * `<mitid-enrol>`'s calls to the broker's enrolment API (protocol/enrol-api.ts): each step with the enrolment token
 * as a bearer token, answered by the enrolment as it now stands. Failures become {@link EnrolError}s with the
 * broker's stable code and the details the element shows (`reason`, `attempts_left`); no Lit, no DOM.
 */
import type {
  ActivateCodeDeviceRequest,
  AppActivationResponse,
  ChipKeyOptionsResponse,
  EnrolContact,
  EnrolMethod,
  EnrolmentView,
  RegisterChipKeyRequest,
} from '../../protocol/enrol-api.js';
import { readError } from '../../protocol/error-body.js';

export class EnrolError extends Error {
  constructor(
    /** The broker's code (`user_id_refused`, `wrong_code`, `enrolment_expired`, …), or `network`, `internal`, `bad_response`. */
    readonly code: string,
    message: string,
    readonly status = 0,
    readonly reason?: string,
    readonly attemptsLeft?: number,
  ) {
    super(message);
    this.name = 'EnrolError';
  }
}

export interface EnrolClientOptions {
  /** The broker's base URL; empty: the page's own origin. */
  broker: string;
  token: string;
  fetch?: typeof globalThis.fetch;
}

export class EnrolClient {
  private readonly fetchImpl: typeof globalThis.fetch;

  constructor(private readonly options: EnrolClientOptions) {
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  current(): Promise<EnrolmentView> {
    return this.call('GET', 'current');
  }

  acceptTerms(): Promise<EnrolmentView> {
    return this.call('POST', 'terms', { accepted: true });
  }

  chooseMethod(method: EnrolMethod): Promise<EnrolmentView> {
    return this.call('POST', 'method', { method });
  }

  giveContact(contact: EnrolContact): Promise<EnrolmentView> {
    return this.call('POST', 'contact', contact);
  }

  reserveUserId(userId: string): Promise<EnrolmentView> {
    return this.call('POST', 'user-id', { user_id: userId });
  }

  sendDevice(): Promise<EnrolmentView> {
    return this.call('POST', 'device');
  }

  activateDevice(given: ActivateCodeDeviceRequest): Promise<EnrolmentView> {
    return this.call('POST', 'device/activate', given);
  }

  startApp(): Promise<AppActivationResponse> {
    return this.call('POST', 'app');
  }

  chipKeyOptions(): Promise<ChipKeyOptionsResponse> {
    return this.call('POST', 'chip-key/options');
  }

  registerChipKey(given: RegisterChipKeyRequest): Promise<EnrolmentView> {
    return this.call('POST', 'chip-key', given);
  }

  async cancel(): Promise<void> {
    await this.call('POST', 'cancel');
  }

  private async call<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {
      authorization: `Bearer ${this.options.token}`,
      accept: 'application/json',
    };
    if (method === 'POST') headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.broker.replace(/\/+$/, '')}/v1/enrol/${path}`, {
        method,
        headers,
        body: method === 'POST' ? JSON.stringify(body ?? {}) : undefined,
        credentials: 'omit',
        cache: 'no-store',
      });
    } catch (error) {
      throw new EnrolError('network', error instanceof Error ? error.message : 'network error');
    }
    const answer: unknown = await (response.status === 204 ? Promise.resolve(null) : response.json()).catch(
      () => undefined,
    );
    if (response.ok) return answer as T;
    const read = readError(response.status, answer);
    throw new EnrolError(read.code, read.message, read.status, read.reason, read.attemptsLeft);
  }
}
