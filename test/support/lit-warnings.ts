/**
 * Import first in every browser test file: Lit's development build warns about misuse (updates during update,
 * missing decorators…) with console.warn, and any such warning fails the test it happened in. The one warning
 * that only says "dev mode is on" is muted, because the tests run the development build on purpose.
 */
const scope = globalThis as { litIssuedWarnings?: Set<string> };
(scope.litIssuedWarnings ??= new Set()).add('dev-mode');

const warnings: string[] = [];
const originalWarn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  warnings.push(args.map(String).join(' '));
  originalWarn(...args);
};

afterEach(() => {
  if (warnings.length === 0) return;
  const seen = warnings.splice(0);
  throw new Error(`console.warn during the test (Lit dev-mode warning?):\n${seen.join('\n')}`);
});

/** Takes (and clears) the warnings seen so far: for the one test that checks this guard itself. */
export function takeWarnings(): string[] {
  return warnings.splice(0);
}
