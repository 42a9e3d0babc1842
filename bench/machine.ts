/** What machine the figures came from. */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  /** `model name` of /proc/cpuinfo, and the clock Node reports. */
  cpuModel: string;
  cpuMhz: number;
  cores: number;
  memoryBytes: number;
  /** `free -h` as printed at the start of the run. */
  free: string;
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
    cpuMhz: cpus()[0]?.speed ?? 0,
    cores: cpus().length,
    memoryBytes: totalmem(),
    free: run('free', ['-h']).trimEnd(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    commit: run('git', ['rev-parse', '--short', 'HEAD']).trim(),
    uncommitted: run('git', ['status', '--porcelain', '--', 'src', 'server', 'rollup.config.mjs'])
      .split('\n')
      .filter(Boolean)
      .map((line) => line.slice(3)),
    load: {},
  };
}

export function noteLoad(machine: Machine, label: string): void {
  machine.load[label] = Math.round((loadavg()[0] ?? 0) * 100) / 100;
}

function run(command: string, args: string[]): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return '';
  }
}
