/**
 * The test runner's adapter of ./painted-contrast.js: every node axe reports for `color-contrast` inside `context`,
 * judged by a screenshot of its box (the 'screenshot-clip' command, ./wtr-cdp-plugin.mjs, in document coordinates). Resolves the lines of
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
  box(index: number): { viewport: Clip; document: Clip };
  judge(index: number, base64: string): Promise<string | null>;
}

export async function paintedContrastFailures(context: Element): Promise<string[]> {
  const global = window as unknown as { axe?: unknown; paintedContrast: PaintedContrast };
  if (!global.axe) await import('axe-core/axe.min.js' as string);
  const painted = global.paintedContrast;
  const count = await painted.find(context);
  const failures: string[] = [];
  for (let index = 0; index < count; index += 1) {
    const clip = painted.box(index).document;
    const png = (await executeServerCommand('screenshot-clip', { clip })) as string;
    const failure = await painted.judge(index, png);
    if (failure) failures.push(failure);
  }
  return failures;
}
