/** The generated app identities of the bench broker (bench/broker-child.ts). */
export const BENCH_PASSWORD = 'bench-app-2026';
export const benchUserId = (index: number) => `bench.${String(index).padStart(4, '0')}`;
