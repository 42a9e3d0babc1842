/** Types of scripts/size.mjs, for the unit test and the bench (both TypeScript). */
export interface SizeRow {
  file: string;
  firstLoad: boolean;
  raw?: number;
  gzip: number;
  brotli?: number;
}
export interface SizeTotals {
  raw?: number;
  gzip: number;
  brotli?: number;
}
export interface SizeResult {
  rows: SizeRow[];
  firstLoad: SizeTotals;
  total: SizeTotals;
}
export interface SizeBudget {
  firstLoadGzip: number;
  totalGzip: number;
  /** gzip bytes by file name without its content hash (`chunks/qr.js`). */
  files: Record<string, number>;
}
export const BUDGET: SizeBudget;
export function budgetName(file: string): string;
/** What measure() returns: every size of every file (raw, gzip level 9, brotli quality 11). */
export interface MeasuredSize {
  rows: Required<SizeRow>[];
  firstLoad: Required<SizeTotals>;
  total: Required<SizeTotals>;
}
export function measure(): MeasuredSize;
export function fileOverBudget(row: SizeRow, budget?: SizeBudget): boolean;
export function overBudget(result: SizeResult, budget?: SizeBudget): string[];
export function budgetCount(result: SizeResult): number;
