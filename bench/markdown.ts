/**
 * Markdown tables of a results file, for docs/performance.md:
 * `node --import tsx bench/markdown.ts [bench/results.json]`.
 */
import { readFileSync } from 'node:fs';
import type { Machine } from './machine.js';
import { render, type Results, type Target } from './report.js';

interface ResultsFile extends Results {
  generatedAt: string;
  run: string;
  durationSeconds: number;
  machine: Machine;
  targets: Target[];
}

/** The plain-text tables of report.ts (header, dashes, rows, then a blank line) as markdown tables. */
function toMarkdown(block: string): string {
  const lines = block.split('\n');
  const out: string[] = [];
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index]!;
    const next = lines[index + 1] ?? '';
    if (!/^-+( +-+)*$/.test(next)) {
      out.push(line);
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
  return out.join('\n');
}

const file = process.argv[2] ?? 'bench/results.json';
const results = JSON.parse(readFileSync(file, 'utf8')) as ResultsFile;
const { machine } = results;
console.log(
  `Run: ${results.run}, ${results.generatedAt}, ${results.durationSeconds} s. Machine: ${machine.cores} × ${machine.cpuModel}, ` +
    `${(machine.memoryBytes / 2 ** 30).toFixed(1)} GiB, Node ${machine.node}, Chromium ${machine.chromium ?? '?'}; ` +
    `commit ${machine.commit}${machine.uncommitted.length ? ` with uncommitted changes in ${machine.uncommitted.join(', ')}` : ''}; ` +
    `1-minute load averages ${Object.entries(machine.load)
      .map(([phase, load]) => `${phase} ${load}`)
      .join(', ')}.\n`,
);
console.log(toMarkdown(render(results)));
