/**
 * The relying party's check of a structured approval: the assertion's `txn.details` against the payment or batch the
 * RP meant, field by field (every amount's value and currency, every payee's account and name, every reference, the
 * kind and the number of payments), and that the text the user was shown is the broker's rendering of them and the
 * hash is theirs. An RP checks what it meant, not a string it rebuilt.
 */
import { createHash } from 'node:crypto';
import type { AssertionClaims } from '../protocol/page-api.js';
import { canonicalJson, transactionRendering, type TransactionDetails } from '../protocol/transaction.js';

function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * The first path at which `actual` differs from `expected` (`payments[1].payee.account.number`), or `null` when they
 * are the same: same keys, same strings, same array lengths. Strings compare exactly (`"2300.00"` is not `"2300"`).
 */
export function firstDifference(expected: unknown, actual: unknown, path = ''): string | null {
  if (typeof expected === 'string' || typeof actual === 'string') return expected === actual ? null : path || '(value)';
  if (Array.isArray(expected) || Array.isArray(actual)) {
    if (!Array.isArray(expected) || !Array.isArray(actual) || expected.length !== actual.length) {
      return path || '(value)';
    }
    for (const [index, item] of expected.entries()) {
      const difference = firstDifference(item, actual[index], `${path}[${index}]`);
      if (difference) return difference;
    }
    return null;
  }
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return expected === actual ? null : path || '(value)';
  }
  const want = expected as Record<string, unknown>;
  const got = actual as Record<string, unknown>;
  const keys = new Set(
    [...Object.keys(want), ...Object.keys(got)].filter((key) => (want[key] ?? got[key]) !== undefined),
  );
  for (const key of [...keys].sort()) {
    const difference = firstDifference(want[key], got[key], path ? `${path}.${key}` : key);
    if (difference) return difference;
  }
  return null;
}

/** Why the assertion's transaction is not `expected`, or `null` when it is (the caller has checked the mode). */
export function transactionMismatch(
  txn: NonNullable<AssertionClaims['txn']>,
  expected: TransactionDetails,
): string | null {
  if (txn.details === undefined) return 'The assertion approves a free text, not a payment or a batch.';
  const difference = firstDifference(expected, txn.details);
  if (difference) return `The approved transaction differs from the expected one at ${difference}.`;
  if (txn.details_sha256 !== sha256Hex(canonicalJson(txn.details))) {
    return "The approved transaction's hash is not the hash of its details.";
  }
  const renderings = [transactionRendering(expected, 'da'), transactionRendering(expected, 'en')];
  if (!renderings.includes(txn.text) || txn.sha256 !== sha256Hex(txn.text)) {
    return 'The approved text is not the rendering of the expected transaction.';
  }
  return null;
}
