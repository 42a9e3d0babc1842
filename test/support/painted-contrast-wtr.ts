/**
 * The test runner's adapter of ./painted-contrast.js: every node axe reports for `color-contrast` inside `context`,
 * judged by the pixels of its box in one screenshot (the 'screenshot-clip' command, ./wtr-cdp-plugin.mjs). Resolves the lines of
 * the nodes whose painted contrast is really too low; axe's report alone fails nothing.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import './painted-contrast.js';

interface Clip {
  x: number;
  y: number;
  width: number;
  height: number;
}

interface PaintedContrast {
  find(context: Element): Promise<number>;
  region(): Clip;
  judgeAll(base64: string, at: Clip): Promise<string[]>;
}

export async function paintedContrastFailures(context: Element): Promise<string[]> {
  const global = window as unknown as { axe?: unknown; paintedContrast: PaintedContrast };
  if (!global.axe) await import('axe-core/axe.min.js' as string);
  const painted = global.paintedContrast;
  if ((await painted.find(context)) === 0) return [];
  // On screen where it fits: a shot beyond the viewport came back black for boxes below a scrolled fold.
  const before = painted.region();
  window.scrollTo(0, before.y);
  const clip = painted.region();
  const png = (await executeServerCommand('screenshot-clip', { clip })) as string;
  return painted.judgeAll(png, clip);
}
