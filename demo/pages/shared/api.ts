/** JSON calls from a demo page to its own back end (same origin; the session cookie goes along). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The rest of the error body, e.g. the broker's `active_from` on `device_pending`. */
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as {
    error?: { code?: string; message?: string } & Record<string, unknown>;
  } | null;
  if (!response.ok) {
    const { code, message, ...details } = body?.error ?? {};
    throw new ApiError(response.status, code ?? 'http_error', message ?? `HTTP ${response.status}`, details);
  }
  return body as T;
}

export async function getJson<T>(url: string, headers: Record<string, string> = {}): Promise<T> {
  return parse<T>(await fetch(url, { headers: { accept: 'application/json', ...headers }, cache: 'no-store' }));
}

export async function sendJson<T>(
  method: 'POST' | 'DELETE',
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  return parse<T>(
    await fetch(url, {
      method,
      headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
      body: JSON.stringify(body ?? {}),
    }),
  );
}

export const postJson = <T>(url: string, body: unknown, headers: Record<string, string> = {}) =>
  sendJson<T>('POST', url, body, headers);
