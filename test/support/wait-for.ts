/**
 * Waits until `condition` holds, checking it every `intervalMs`, and fails loudly, naming what it waited for, once
 * `timeoutMs` has passed. For states that announce themselves by no event a test can await (a child process
 * becoming ready, a change that reaches another broker instance over Redis); where it is used, a comment says why
 * there is no event. Never a stand-in for an event that exists. DOM-free: Node and browser tests both use it.
 */
export interface WaitOptions {
  timeoutMs?: number;
  intervalMs?: number;
}

export async function waitFor(
  condition: () => unknown,
  what: string,
  { timeoutMs = 5000, intervalMs = 20 }: WaitOptions = {},
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
