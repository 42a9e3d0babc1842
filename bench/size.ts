/** Size: scripts/size.mjs's own measure() and BUDGET (what CI enforces), run over this run's bundle. */

export interface SizeRow {
  file: string;
  firstLoad: boolean;
  raw: number;
  gzip: number;
  brotli: number;
}

export interface SizeResult {
  rows: SizeRow[];
  firstLoad: { raw: number; gzip: number; brotli: number };
  total: { raw: number; gzip: number; brotli: number };
  budget: { firstLoadGzip: number; totalGzip: number };
  withinBudget: { firstLoad: boolean; total: boolean };
}

interface SizeModule {
  measure(): Omit<SizeResult, 'budget' | 'withinBudget'>;
  BUDGET: { firstLoadGzip: number; totalGzip: number };
}

/** `root` holds `dist/` (measure() reads `dist/` relative to the working directory). */
export async function measureSize(root: string): Promise<SizeResult> {
  // A computed specifier: scripts/size.mjs is plain JavaScript without declarations; SizeModule types it here.
  const specifier = new URL('../scripts/size.mjs', import.meta.url).href;
  const { measure, BUDGET } = (await import(specifier)) as SizeModule;
  const cwd = process.cwd();
  process.chdir(root);
  let result: Omit<SizeResult, 'budget' | 'withinBudget'>;
  try {
    result = measure();
  } finally {
    process.chdir(cwd);
  }
  return {
    ...result,
    budget: BUDGET,
    withinBudget: {
      firstLoad: result.firstLoad.gzip <= BUDGET.firstLoadGzip,
      total: result.total.gzip <= BUDGET.totalGzip,
    },
  };
}
