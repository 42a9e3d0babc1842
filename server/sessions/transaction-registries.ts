/**
 * The checks of a payment that need the registries, which only the broker makes: the element and the shared rules
 * (protocol/rules.ts) check shapes and the IBAN's mod-97 sum, which fit in its size budget; the broker, which decides,
 * also checks that the currency is a current ISO 4217 code and that the IBAN has its country's length and format.
 *
 * - Currencies: `Intl.supportedValuesOf('currency')`, the ISO 4217 codes of the ICU data Node is built with (current
 *   codes only: no DEM, no XXX or XTS test codes). No package: the runtime carries the list and ICU keeps it.
 * - IBANs: `ibantools` (the SWIFT IBAN registry's country lengths and BBAN formats, kept up to date by its
 *   maintainers), so that `DK50 0040 0440 1162 430` (one digit too many, which mod 97 may still accept) is refused.
 */
import { validateIBAN, ValidationErrorsIBAN } from 'ibantools';
import type { TransactionDetailsProblem } from '../../protocol/rules.js';
import type { Account, BatchPayment, TransactionDetails } from '../../protocol/transaction.js';

let currencies: ReadonlySet<string> | undefined;

/** The current ISO 4217 alphabetic codes, read once. */
function currentCurrencies(): ReadonlySet<string> {
  currencies ??= new Set(Intl.supportedValuesOf('currency'));
  return currencies;
}

/** Whether `code` (three capital letters, checked before) is a current ISO 4217 currency. */
export function isCurrentCurrency(code: string): boolean {
  return currentCurrencies().has(code);
}

/** Whether the IBAN (shape and mod 97 checked before) has a known country, its length and its BBAN format. */
export function ibanFitsItsCountry(iban: string): boolean {
  const result = validateIBAN(iban);
  // The checksum is the shared rules' to judge (and already held); everything else here is the registry's.
  return result.errorCodes.every((code) => code === ValidationErrorsIBAN.WrongIBANChecksum);
}

function accountProblem(account: Account, path: string): TransactionDetailsProblem | null {
  if ('iban' in account && !ibanFitsItsCountry(account.iban)) {
    return { reason: 'iban-format', path: `${path}payee.account.iban` };
  }
  return null;
}

function paymentProblem(payment: BatchPayment, path: string): TransactionDetailsProblem | null {
  if (!isCurrentCurrency(payment.amount.currency)) return { reason: 'currency', path: `${path}amount` };
  return accountProblem(payment.payee.account, path);
}

/**
 * The first registry rule the details (which passed `transactionDetailsProblem`) break, with where, in the same
 * reasons and paths as the shared rules; `null` when none.
 */
export function transactionRegistryProblem(details: TransactionDetails): TransactionDetailsProblem | null {
  if (details.kind === 'payment') return paymentProblem(details, '');
  for (const [index, payment] of details.payments.entries()) {
    const problem = paymentProblem(payment, `payments[${index}].`);
    if (problem) return problem;
  }
  return null;
}
