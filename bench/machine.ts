/** What machine the figures came from. */
import { cpus, loadavg, totalmem } from 'node:os';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryBytes: number;
  node: string;
  chromium?: string;
  platform: string;
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
    load: {},
  };
}

export function noteLoad(machine: Machine, label: string): void {
  machine.load[label] = Math.round((loadavg()[0] ?? 0) * 100) / 100;
}
