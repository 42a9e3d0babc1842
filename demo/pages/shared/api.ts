/** JSON calls from a demo page to its own back end (same origin; the session cookie goes along). */

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function parse<T>(response: Response): Promise<T> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.error?.code ?? 'http_error',
      body?.error?.message ?? `HTTP ${response.status}`,
    );
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
