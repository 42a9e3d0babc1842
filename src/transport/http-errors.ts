/** How HTTP failures become {@link TransportError}s with the broker's stable codes. */
import { TransportError, type TransportErrorCode, type TriesDetails } from './transport.js';
import { readError } from '../../protocol/error-body.js';

/** Turns a non-2xx answer into a {@link TransportError} with the broker's stable code. */
export async function toTransportError(response: Response): Promise<TransportError> {
  const read = readError(response.status, await response.json().catch(() => undefined));
  const tries: TriesDetails = {};
  if (read.blockSeconds !== undefined) tries.blockSeconds = read.blockSeconds;
  if (read.blockedUntil !== undefined) tries.blockedUntil = read.blockedUntil;
  // The broker's codes are the transport's (an unknown one is shown as a generic failure by the element).
  return new TransportError(read.code as TransportErrorCode, read.message, read.status, read.attemptsLeft, tries);
}

export function networkError(error: unknown, signal?: AbortSignal): TransportError {
  if (signal?.aborted || (error as { name?: unknown } | null)?.name === 'AbortError') {
    return new TransportError('aborted', 'aborted');
  }
  return new TransportError('network', error instanceof Error ? error.message : 'network error');
}
