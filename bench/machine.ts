/** What machine the figures came from. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  chromium?: string;
  platform: string;
  /** The commit measured, and whether src/ or server/ had uncommitted changes (others work in the same tree). */
  commit: string;
  uncommitted: string[];
  /** 1-minute load averages taken at the start of each part and at the end. */
  load: Record<string, number>;
}

export function describeMachine(): Machine {
  return {
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: git(['rev-parse', '--short', 'HEAD']).trim(),
    uncommitted: git(['status', '--porcelain', '--', 'src', 'server', 'rollup.config.mjs'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
    load: {},
  };
}

export function noteLoad(machine: Machine, label: string): void {
  machine.load[label] = Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
