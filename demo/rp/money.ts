/**
 * Danish amounts and account numbers for the net bank's transfers, and the payment the user approves as data.
 * Amounts are whole øre (integers) here, and decimal strings (`"2300.00"`) on the wire, never floats.
 */
import type { Amount, BatchPayment } from '../../protocol/transaction.js';

/** "2.300,00", "2300", "2300,5", "2 300" → øre; null when it is not a positive amount of at most 1,000,000 kr. */
export function parseKroner(input: string): number | null {
  const text = input.replace(/\s|\u00a0/g, '').replace(/kr\.?$/i, '');
  const match = /^(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?$/.exec(text);
  if (!match) return null;
  const kroner = Number(match[1]!.replaceAll('.', ''));
  const ore = Number((match[2] ?? '0').padEnd(2, '0'));
  const total = kroner * 100 + ore;
  return total > 0 && total <= 100_000_000 ? total : null;
}

/** 230000 → "2.300,00" */
export function formatKroner(ore: number): string {
  const kroner = Math.floor(ore / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${kroner},${(ore % 100).toString().padStart(2, '0')}`;
}

/** A Danish account: a 4-digit registration number and an account number of up to 10 digits. */
export function parseAccount(reg: string, account: string): { reg: string; account: string } | null {
  const r = reg.replace(/\s/g, '');
  const a = account.replace(/\s/g, '');
  if (!/^\d{4}$/.test(r) || !/^\d{1,10}$/.test(a)) return null;
  return { reg: r, account: a };
}

/** 230000 → `{ value: "2300.00", currency: "DKK" }` */
export function amountOf(ore: number): Amount {
  return { value: `${Math.floor(ore / 100)}.${(ore % 100).toString().padStart(2, '0')}`, currency: 'DKK' };
}

/** One payment the user approves and the bank verifies field by field: built by the bank's back end, never the page. */
export function paymentOf(ore: number, to: { reg: string; account: string }, name: string): BatchPayment {
  return { amount: amountOf(ore), payee: { name, account: { reg: to.reg, number: to.account } } };
}
