/**
 * Markdown tables of a results file, for docs/performance.md.
 *   node --import tsx bench/markdown.ts [bench/results.json]            prints them
 *   node --import tsx bench/markdown.ts --write docs/performance.md     fills the page's `<!-- bench:NAME -->` blocks
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Machine } from './machine.js';
import { renderScaling, type ScalingResult } from './redis.js';
import { render, SECTIONS, type Results, type Section, type Target } from './report.js';

interface ResultsFile extends Results {
  generatedAt: string;
  run: string;
  durationSeconds: number;
  machine: Machine;
  targets: Target[];
  instances?: ScalingResult;
}

/** The plain-text tables of report.ts (header, dashes, rows, then a blank line) as markdown tables. */
function toMarkdown(block: string): string {
  const lines = block.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const next = lines[index + 1] ?? '';
    if (!/^-+( +-+)*$/.test(next)) {
      // Titles and notes between tables, as emphasised paragraphs (a leading "1." would make a list).
      out.push(line.trim() ? `_${line.trim()}_` : line);
      continue;
    }
    // Column boundaries come from the dash line; the last column runs to the end of the line.
    const starts = [...next.matchAll(/-+/g)].map((match) => match.index ?? 0);
    const cells = (text: string) =>
      starts.map((start, column) => text.slice(start, starts[column + 1] ?? text.length).trim());
    out.push('', `| ${cells(line).join(' | ')} |`, `|${starts.map(() => ' --- |').join('')}`);
    index += 2;
    while (index < lines.length && lines[index] !== '') out.push(`| ${cells(lines[index++]!).join(' | ')} |`);
    index -= 1;
  }
  return out.join('\n').trim();
}

function machineText(results: ResultsFile): string {
  const { machine } = results;
  const loads = Object.entries(machine.load)
    .map(([phase, load]) => `${phase} ${load}`)
    .join(', ');
  return [
    `| | |`,
    `| --- | --- |`,
    `| CPU | \`nproc\`: ${machine.cores}; /proc/cpuinfo model name: ${machine.cpuModel}${machine.cpuMhz ? `, ${machine.cpuMhz} MHz` : ''} |`,
    `| memory | ${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB (\`free -h\` below) |`,
    `| Node | ${machine.node} (${machine.platform}) |`,
    `| Chromium | ${machine.chromium ?? '–'} (headless, Debian's package) |`,
    `| run | ${results.run}, ${results.generatedAt}, ${results.durationSeconds} s |`,
    `| code | commit \`${machine.commit}\`${machine.uncommitted.length ? `, with uncommitted changes in ${machine.uncommitted.map((file) => `\`${file}\``).join(', ')}` : ''} |`,
    `| 1-minute load average at each part | ${loads} |`,
    ...(machine.free ? ['', '```', '$ free -h', machine.free, '```'] : []),
  ].join('\n');
}

function missedText(results: ResultsFile): string {
  const missed = results.targets.filter((target) => !target.met);
  if (!missed.length) return 'Every target was met in this run.';
  return missed.map((target) => `- **${target.name}**: ${target.value} (target ${target.target}).`).join('\n');
}

const args = process.argv.slice(2);
const writeIndex = args.indexOf('--write');
const page = writeIndex >= 0 ? args.splice(writeIndex, 2)[1] : undefined;
const results = JSON.parse(readFileSync(args[0] ?? 'bench/results.json', 'utf8')) as ResultsFile;
if (Array.isArray(results.firstRender)) {
  // Results written before the paired-difference method kept only per-page summaries: nothing to pair.
  console.error(
    `${args[0] ?? 'bench/results.json'} is from before paired first-render rounds: run npm run bench again.`,
  );
  process.exit(1);
}

const blocks: Record<string, () => string> = {
  machine: () => machineText(results),
  missed: () => missedText(results),
  instances: () => (results.instances ? toMarkdown(renderScaling(results.instances)) : 'Not in this run.'),
  ...Object.fromEntries(
    SECTIONS.map((section: Section) => [section, () => toMarkdown(render(results, [section]).replace(/^\n+/, ''))]),
  ),
};

if (page) {
  let text = readFileSync(page, 'utf8');
  for (const [name, make] of Object.entries(blocks)) {
    const pattern = new RegExp(`(<!-- bench:${name} -->)[\\s\\S]*?(<!-- /bench:${name} -->)`);
    text = text.replace(pattern, (_, open: string, close: string) => `${open}\n${make()}\n${close}`);
  }
  writeFileSync(page, text);
  console.log(`Filled ${page} from ${args[0] ?? 'bench/results.json'}`);
} else {
  console.log(`${machineText(results)}\n`);
  console.log(toMarkdown(render(results)));
}
