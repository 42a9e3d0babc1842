/** The printed tables and the target verdicts of one run. */
import type { FirstRenderResult } from './first-render.js';
import type { LatencyRow } from './latency.js';
import type { LoadResult } from './load.js';
import type { PasswordFloodResult } from './passwords.js';
import type { SizeResult } from './size.js';
import type { PairedSpread } from './stats.js';
import { budgetName } from '../scripts/size.mjs';

export interface Target {
  name: string;
  target: string;
  value: string;
  met: boolean;
}

export interface Results {
  size?: SizeResult;
  firstRender?: FirstRenderResult;
  latency?: LatencyRow[];
  load?: Partial<LoadResult>;
  passwords?: PasswordFloodResult;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : '–');
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const whole = (value: number) => Math.round(value).toLocaleString('en-US');

/** Columns whose cells start with a digit (or a dash for "none") are right-aligned, the rest left-aligned. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const numeric = headers.map((_, column) => rows.every((row) => /^[\d–]/.test(row[column] ?? '0') || !row[column]));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => (numeric[column] ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function targets(results: Results): Target[] {
  const list: Target[] = [];
  const { size, firstRender, latency, load, passwords } = results;
  if (size) {
    list.push({
      name: 'first load, gzip',
      target: `≤ ${kb(size.budget.firstLoadGzip)}`,
      value: kb(size.firstLoad.gzip),
      met: size.withinBudget.firstLoad,
    });
    list.push({
      name: 'everything, gzip',
      target: `≤ ${kb(size.budget.totalGzip)}`,
      value: kb(size.total.gzip),
      met: size.withinBudget.total,
    });
    if (size.withinBudget.files !== undefined)
      list.push({
        name: 'each file, gzip',
        target: 'within its budget',
        value: size.withinBudget.files ? 'all within' : (size.grown ?? []).join(', '),
        met: size.withinBudget.files,
      });
  }
  if (firstRender) {
    const over = firstRender.elementOverFloor;
    list.push({
      name: `first focusable field, element − web-component floor (median of ${over.n} paired rounds)`,
      target: '≤ 10 ms',
      value: `${ms(over.median)} (quartiles ${ms(over.q1)} to ${ms(over.q3)})`,
      met: over.n >= 30 && over.median <= 10,
    });
  }
  for (const client of ['chromium', 'node'] as const) {
    const sse = latency?.find((row) => row.transport === 'sse' && row.client === client);
    if (sse)
      list.push({
        name: `approval latency, event stream p95 (${client})`,
        target: '≤ 50 ms',
        value: ms(sse.ms.p95),
        met: sse.ms.p95 <= 50,
      });
  }
  const levels = load?.streams?.levels ?? [];
  const top = levels.find((level) => level.streams === 10_000) ?? levels.at(-1);
  if (top)
    list.push({
      name: `open event streams in one process (${whole(top.streams)})`,
      target: '10,000 within 1 GiB',
      value: `${whole(top.streams)} at ${mib(top.rssBytes)} RSS`,
      met: top.streams >= 10_000 && top.rssBytes <= 2 ** 30,
    });
  const at500 = load?.completions?.find((step) => step.offeredPerSecond === 500);
  if (at500)
    list.push({
      name: 'completions at 500/s, p99 delivery',
      target: '≤ 100 ms, ≥ 475/s',
      value: `${whole(at500.achievedPerSecond)}/s, ${ms(at500.deliveryMs.p99)}`,
      met: at500.deliveryMs.p99 <= 100 && at500.achievedPerSecond >= 475 && at500.failed === 0,
    });
  if (passwords) {
    const answered = passwords.realUserAnswers['200 ok'] ?? 0;
    list.push({
      name: `a real user’s password check while ${whole(passwords.bogusPerRound)} bogus ones are offered (max)`,
      target: '≤ 1000 ms, answered 200',
      value: `${ms(passwords.realUserMs.max)}, ${answered} of ${passwords.rounds} answered 200`,
      met: passwords.realUserMs.max <= 1000 && answered === passwords.rounds,
    });
  }
  return list;
}

export type Section = 'size' | 'render' | 'latency' | 'load' | 'passwords' | 'targets';
export const SECTIONS: readonly Section[] = ['size', 'render', 'latency', 'load', 'passwords', 'targets'];

/** A file's gzip budget as scripts/size.mjs names it (`chunks/qr-dh4k_Dnq.js` under `chunks/qr.js`). */
function fileBudget(size: NonNullable<Results['size']>, file: string): string {
  const limit = size.budget.files?.[budgetName(file)];
  return limit === undefined ? '–' : kb(limit);
}

export function render(results: Results, sections: readonly Section[] = SECTIONS): string {
  const out: string[] = [];
  const { size, firstRender, latency, load, passwords } = results;
  const want = (section: Section) => sections.includes(section);
  if (size && want('size')) {
    out.push('1. Size (single-file bundle, this run’s build; budget from scripts/size.mjs)');
    out.push(
      table(
        ['file', 'loaded', 'raw', 'gzip', 'brotli', 'budget (gzip)'],
        [
          ...size.rows.map((row) => [
            row.file,
            row.firstLoad ? 'first' : 'lazy',
            kb(row.raw),
            kb(row.gzip),
            kb(row.brotli),
            fileBudget(size, row.file),
          ]),
          [
            'first load',
            '',
            kb(size.firstLoad.raw),
            kb(size.firstLoad.gzip),
            kb(size.firstLoad.brotli),
            kb(size.budget.firstLoadGzip),
          ],
          ['everything', '', kb(size.total.raw), kb(size.total.gzip), kb(size.total.brotli), kb(size.budget.totalGzip)],
        ],
      ),
    );
  }
  if (firstRender && want('render')) {
    const { rounds, rows } = firstRender;
    out.push(
      `\n2. First render: navigation start → user-ID field visible and focusable, ${rounds} rounds of cold loads ` +
        '(each round every page once, in a random order; headless Chromium)',
    );
    out.push('Paired differences (per round, then the median over the rounds): the figure that counts');
    const spread = (label: string, pair: PairedSpread) => [
      label,
      String(pair.n),
      ms(pair.median),
      `${ms(pair.q1)} to ${ms(pair.q3)}`,
      `${ms(pair.p10)} to ${ms(pair.p90)}`,
    ];
    out.push(
      table(
        ['difference', 'rounds', 'median', 'quartiles', '10th to 90th percentile'],
        [
          spread('element − floor', firstRender.elementOverFloor),
          spread('element − plain', firstRender.elementOverPlain),
          spread('floor − plain', firstRender.floorOverPlain),
        ],
      ),
    );
    out.push('\nEach page alone (the ratios of medians beside, for comparison only)');
    out.push(
      table(
        ['page', 'median', 'p95', 'min', 'FCP median', '× floor', '× plain', 'page errors'],
        rows.map((row) => [
          row.page,
          ms(row.focusable.p50),
          ms(row.focusable.p95),
          ms(row.focusable.min),
          ms(row.fcp.p50),
          `${row.ratioToFloor.toFixed(2)}×`,
          `${row.ratioToPlain.toFixed(2)}×`,
          String(row.pageErrors),
        ]),
      ),
    );
  }
  if (latency && want('latency')) {
    out.push('\n3. Approval latency: app decision call → complete status in the client (Chromium: `mitid-success`)');
    out.push(
      table(
        ['transport', 'client', 'logins', 'p50', 'p95', 'p99', 'max', 'errors'],
        latency.map((row) => [
          row.transport,
          row.client,
          String(row.ms.n),
          ms(row.ms.p50),
          ms(row.ms.p95),
          ms(row.ms.p99),
          ms(row.ms.max),
          String(row.errors),
        ]),
      ),
    );
  }
  if (load && want('load')) {
    out.push('\n4. Broker under load (one broker process, loopback)');
    const lines: string[][] = [];
    if (load.creation)
      lines.push([
        'session creations',
        `${whole(load.creation.perSecond)}/s`,
        `autocannon, ${load.creation.connections} connections, ${load.creation.seconds} s, p99 ${load.creation.latencyMs.p99} ms, non-2xx ${load.creation.non2xx}`,
      ]);
    if (load.signing)
      lines.push([
        'ES256 signing',
        `${whole(load.signing.sequentialPerSecond)}/s`,
        `one at a time; ${whole(load.signing.parallelPerSecond)}/s with 32 in flight (${load.signing.threads} cores)`,
      ]);
    if (lines.length) out.push(table(['measure', 'rate', 'how'], lines));
    if (load.streams) {
      const s = load.streams;
      out.push(
        `\nOpen event streams (baseline RSS ${mib(s.baseline.rssBytes)}, heap ${mib(s.baseline.heapUsedBytes)}; open-file limit: driver ${s.fileLimit ?? '?'}, broker ${s.brokerFileLimit ?? '?'})`,
      );
      out.push(
        table(
          ['streams', 'open time', 'CPU/open', 'RSS', 'RSS/stream', 'heap/stream', 'delivery p50', 'delivery p99'],
          s.levels.map((level) => [
            whole(level.streams),
            `${level.openSeconds.toFixed(1)} s`,
            ms(level.cpuPerOpenMs),
            mib(level.rssBytes),
            kb(level.rssPerStreamBytes),
            kb(level.heapPerStreamBytes),
            ms(level.deliveryMs.p50),
            ms(level.deliveryMs.p99),
          ]),
        ),
      );
      if (s.error) out.push(`stopped: ${s.error}`);
    }
    if (load.completions?.length) {
      out.push('\nCompletions at an offered rate (decision call → complete on the session’s event stream)');
      out.push(
        table(
          ['offered', 'achieved', 'failed', 'delivery p50', 'p95', 'p99', 'CPU broker', 'CPU driver'],
          load.completions.map((step) => [
            `${whole(step.offeredPerSecond)}/s`,
            `${whole(step.achievedPerSecond)}/s`,
            String(step.failed),
            ms(step.deliveryMs.p50),
            ms(step.deliveryMs.p95),
            ms(step.deliveryMs.p99),
            `${step.brokerCpuPercent.toFixed(0)} %`,
            `${step.driverCpuPercent.toFixed(0)} %`,
          ]),
        ),
      );
    }
  }
  for (const step of want('load') ? (load?.completions ?? []) : []) {
    if (!step.brokerHotSpots?.length) continue;
    out.push(`\nBroker CPU at ${whole(step.offeredPerSecond)} completions/s offered: self time by function`);
    out.push(
      table(
        ['function', 'where', 'self', 'share'],
        step.brokerHotSpots.map((spot) => [spot.fn, spot.where, ms(spot.selfMs), `${spot.percent.toFixed(1)} %`]),
      ),
    );
  }
  if (passwords && want('passwords')) {
    const p = passwords;
    out.push(
      `\n5. Password checks under a flood: ${whole(p.bogusPerRound)} wrong passwords on ${p.attackerSessions} sessions past ` +
        `their code, ${p.inFlight} in flight, per round (scrypt N=${whole(p.scryptCost)}, budget ${p.hashBudget.atOnce} at ` +
        `once + ${p.hashBudget.queued} queued; broker in its own process, loopback HTTP)`,
    );
    const answers = (counts: Record<string, number>) =>
      Object.entries(counts)
        .sort((a, b) => b[1] - a[1])
        .map(([key, n]) => `${key} ×${whole(n)}`)
        .join(', ');
    out.push(
      table(
        ['rounds', 'real user p50', 'max', 'real user answers', 'bogus answers', 'flood time'],
        [
          [
            String(p.rounds),
            ms(p.realUserMs.p50),
            ms(p.realUserMs.max),
            answers(p.realUserAnswers),
            answers(p.bogusAnswers),
            `${p.floodSeconds.toFixed(1)} s`,
          ],
        ],
      ),
    );
  }
  const verdicts = targets(results);
  if (verdicts.length && want('targets')) {
    out.push('\nTargets');
    out.push(
      table(
        ['target', 'goal', 'measured', 'met'],
        verdicts.map((t) => [t.name, t.target, t.value, t.met ? 'yes' : 'NO']),
      ),
    );
  }
  return out.join('\n');
}
