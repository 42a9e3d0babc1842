/** Command-line flags of `npm run bench`. The full run is the default; `--quick` is for development. */

export type Part = 'size' | 'render' | 'latency' | 'load' | 'passwords';
export const PARTS: readonly Part[] = ['size', 'render', 'latency', 'load', 'passwords'];

export interface BenchOptions {
  quick: boolean;
  parts: Set<Part>;
  /** Rounds of cold loads in the first-render benchmark (each round loads every page once). */
  loads: number;
  /** Logins per transport in the node-only latency benchmark. */
  logins: number;
  /** Logins per transport driven through the element in Chromium. */
  browserLogins: number;
  /** Open-stream levels of the load benchmark. */
  streamLevels: number[];
  /** Also open streams up to just below the open-file limit (how many one process holds here). */
  streamCeiling: boolean;
  /** Target completion rates (per second) of the load benchmark, and seconds per rate. */
  completionRates: number[];
  completionSeconds: number;
  /** autocannon duration for session creation, seconds. */
  createSeconds: number;
  /** Rounds of the password flood (a real user's check while 1,000 bogus ones are offered). */
  passwordRounds: number;
  /** Seconds spent signing in the signing-rate measurement. */
  signSeconds: number;
  /** CPU-profile the broker during the completion runs and list its hot spots. */
  profile: boolean;
  /** Where results go (default bench/results.json); `--out=-` writes none. */
  out: string;
}

const HELP = `npm run bench [-- flags]
  --quick               a fast, rough run for development (about a minute)
  --only=a,b            parts to run: size, render, latency, load, passwords (default all)
  --loads=N             rounds of cold loads for first render, each page once a round (default 30, quick 8)
  --logins=N            logins per transport, node clients (default 300, quick 40)
  --browser-logins=N    logins per transport through the element in Chromium (default 200, quick 15)
  --streams=a,b,c       open-stream levels (default 100,1000,10000 and then up to the open-file limit;
                        quick 100,1000)
  --rates=a,b           completion rates per second (default 100,250,500,750,1000; quick 100,500)
  --profile             CPU-profile the broker while it completes sessions, and list where the time went
  --out=FILE            results file (default bench/results.json; --out=- for none)`;

function numberList(value: string): number[] {
  const list = value.split(',').map((item) => Number(item.trim()));
  if (list.some((item) => !Number.isFinite(item) || item <= 0)) throw new Error(`not a list of numbers: ${value}`);
  return list;
}

export function parseOptions(argv: readonly string[]): BenchOptions {
  if (argv.includes('--help') || argv.includes('-h')) {
    console.log(HELP);
    process.exit(0);
  }
  const flags = new Map<string, string>();
  for (const arg of argv) {
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match?.[1]) throw new Error(`unknown argument ${arg}\n${HELP}`);
    flags.set(match[1], match[2] ?? 'true');
  }
  const known = ['quick', 'only', 'loads', 'logins', 'browser-logins', 'streams', 'rates', 'profile', 'out'];
  for (const key of flags.keys()) if (!known.includes(key)) throw new Error(`unknown flag --${key}\n${HELP}`);
  const quick = flags.get('quick') === 'true';
  const count = (key: string, full: number, fast: number) => {
    const value = flags.get(key);
    if (value === undefined) return quick ? fast : full;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`--${key} must be a positive whole number`);
    return parsed;
  };
  const only = flags.get('only');
  const parts = new Set<Part>(
    only
      ? only.split(',').map((part) => {
          if (!PARTS.includes(part as Part)) throw new Error(`unknown part ${part} (${PARTS.join(', ')})`);
          return part as Part;
        })
      : PARTS,
  );
  return {
    quick,
    parts,
    loads: count('loads', 30, 8),
    logins: count('logins', 300, 40),
    browserLogins: count('browser-logins', 200, 15),
    streamCeiling: !quick && !flags.has('streams'),
    streamLevels: flags.has('streams')
      ? numberList(flags.get('streams') ?? '')
      : quick
        ? [100, 1000]
        : [100, 1000, 10000],
    completionRates: flags.has('rates')
      ? numberList(flags.get('rates') ?? '')
      : quick
        ? [100, 500]
        : [100, 250, 500, 750, 1000],
    completionSeconds: quick ? 2 : 5,
    createSeconds: quick ? 3 : 10,
    signSeconds: quick ? 0.5 : 2,
    passwordRounds: quick ? 1 : 5,
    profile: flags.get('profile') === 'true',
    out: flags.get('out') ?? 'bench/results.json',
  };
}
