/** How HTTP failures become {@link TransportError}s with the broker's stable codes. */
import { TransportError, type TriesDetails } from './transport.js';
import type { ErrorBody } from '../../protocol/page-api.js';

/** Turns a failed `fetch` or a non-2xx answer into a {@link TransportError} with the broker's stable code. */
export async function toTransportError(response: Response): Promise<TransportError> {
  let body: Partial<ErrorBody> | undefined;
  try {
    body = (await response.json()) as Partial<ErrorBody>;
  } catch {
    body = undefined;
  }
  const error = body?.error;
  if (error && typeof error.code === 'string') {
    const tries: TriesDetails = {};
    if (typeof error.block_seconds === 'number') tries.blockSeconds = error.block_seconds;
    const until = typeof error.blocked_until === 'string' ? Date.parse(error.blocked_until) : NaN;
    if (!Number.isNaN(until)) tries.blockedUntil = until;
    return new TransportError(
      error.code,
      String(error.message ?? error.code),
      response.status,
      error.attempts_left,
      tries,
    );
  }
  const code = response.status === 429 ? 'rate_limited' : response.status >= 500 ? 'internal' : 'bad_response';
  return new TransportError(code, `HTTP ${response.status}`, response.status);
}

export function networkError(error: unknown, signal?: AbortSignal): TransportError {
  if (signal?.aborted || (error as { name?: unknown } | null)?.name === 'AbortError') {
    return new TransportError('aborted', 'aborted');
  }
  return new TransportError('network', error instanceof Error ? error.message : 'network error');
}
