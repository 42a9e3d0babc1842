/**
 * What a driver outside the page loads into it (`PageHarness`, ../node/playwright.ts, evaluates this file as one
 * classic script, built with the package or bundled with esbuild from the sources, leaving
 * `globalThis.mitidHarness`): the harness, and the two calls the driver makes through `page.evaluate`.
 */
import { LoginHarness } from './login-harness.js';
import { remoteActor } from './actors.js';

export { actionTarget } from './actors.js';
export { LoginHarness };

/**
 * The entry a driver outside the page calls (`PageHarness`, through `page.evaluate`): the harness
 * on the element matching `selector`, acting through `binding`, then one of its members (a method is called
 * with `args`; a property is read). Only JSON, RegExps and step names cross, so results are plain values.
 */
export async function driverCall(
  binding: string,
  selector: string,
  member: keyof LoginHarness,
  args: unknown[],
  timeoutMs: number,
): Promise<unknown> {
  const harness = await LoginHarness.find(selector, { actor: remoteActor(binding), timeoutMs });
  const value: unknown = harness[member];
  return typeof value === 'function' ? (value as (...values: unknown[]) => unknown).apply(harness, args) : value;
}
