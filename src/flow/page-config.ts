/**
 * The page's own set-up, checked before any network call (the broker would refuse it anyway): a client ID and a
 * nonce, and in approve mode a payment or a batch, or else a free text, that the shared rules accept. Pure.
 */
import {
  nonceProblem,
  normalizeTransactionText,
  transactionDetailsProblem,
  transactionTextProblem,
} from '../../protocol/rules.js';
import type { FlowState, StartConfig } from './states.js';

/** The error step for the page's configuration mistake, or null when there is none. */
export function pageConfigRefusal(config: StartConfig, userId: string): FlowState | null {
  const refused = { step: 'error', retryable: false, userId, mode: config.mode } as const;
  if (!config.clientId || nonceProblem(config.nonce)) return { ...refused, code: 'missing_config' };
  if (config.mode !== 'approve') return null;
  const details = config.transactionDetails;
  if (details) {
    const transactionProblem = transactionDetailsProblem(details);
    return transactionProblem ? { ...refused, code: 'invalid_transaction', transactionProblem } : null;
  }
  const textProblem = transactionTextProblem(normalizeTransactionText(config.transactionText));
  return textProblem ? { ...refused, code: 'invalid_transaction_text', textProblem } : null;
}
