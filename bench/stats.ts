/** Small statistics over samples in milliseconds (or any unit). */

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** The q-quantile (0–1) by linear interpolation between closest ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  const low = sorted[lower] ?? Number.NaN;
  const high = sorted[upper] ?? Number.NaN;
  return low + (high - low) * (position - lower);
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((total, value) => total + value, 0);
  return {
    n: sorted.length,
    min: sorted[0] ?? Number.NaN,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** Rounds to `digits` decimals for the JSON file (keeps it readable). */
export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export function roundSummary(summary: Summary, digits = 2): Summary {
  return Object.fromEntries(
    Object.entries(summary).map(([key, value]) => [key, key === 'n' ? value : round(value, digits)]),
  ) as unknown as Summary;
}

/** Wall-clock milliseconds with sub-millisecond resolution, comparable with a browser's `timeOrigin + now()`. */
export function wallClock(): number {
  return performance.timeOrigin + performance.now();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The spread of paired differences: median, quartiles and the 10th–90th percentiles. */
export interface PairedSpread {
  n: number;
  median: number;
  q1: number;
  q3: number;
  p10: number;
  p90: number;
  min: number;
  max: number;
}

/**
 * `a[i] − b[i]` for every round `i` in which both were measured, summarised. Subtracting within a round cancels
 * what the two loads share (navigation, renderer start-up, the machine's state at that moment), which a ratio of
 * two medians does not: that is why the benchmark reports this first. Rounds where either sample is missing (NaN)
 * are left out.
 */
export function pairedDifference(a: readonly number[], b: readonly number[]): PairedSpread {
  if (a.length !== b.length) throw new Error(`paired samples differ in length: ${a.length} and ${b.length}`);
  const differences = a
    .map((value, index) => value - (b[index] ?? Number.NaN))
    .filter((value) => Number.isFinite(value))
    .sort((x, y) => x - y);
  return {
    n: differences.length,
    median: quantile(differences, 0.5),
    q1: quantile(differences, 0.25),
    q3: quantile(differences, 0.75),
    p10: quantile(differences, 0.1),
    p90: quantile(differences, 0.9),
    min: differences[0] ?? Number.NaN,
    max: differences.at(-1) ?? Number.NaN,
  };
}

/** A random order of `items` (Fisher–Yates over `random`, which returns numbers in [0, 1)). */
export function shuffled<T>(items: readonly T[], random: () => number = Math.random): T[] {
  const out = [...items];
  for (let index = out.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [out[index], out[other]] = [out[other]!, out[index]!];
  }
  return out;
}
