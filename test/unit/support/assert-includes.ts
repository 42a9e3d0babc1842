/**
 * chai's `expect(actual).to.include({ … })` for node:assert: `actual` has every listed property, each strictly
 * equal (===) to the value given; other properties may be there too. The unit tests moved from the browser keep
 * their assertions with it.
 */
import assert from 'node:assert/strict';

export function assertIncludes(actual: unknown, expected: Record<string, unknown>, message?: string): void {
  assert.ok(typeof actual === 'object' && actual !== null, message ?? `expected an object, got ${String(actual)}`);
  const record = actual as Record<string, unknown>;
  for (const [key, value] of Object.entries(expected)) {
    assert.ok(key in record, `${message ? `${message}: ` : ''}no property "${key}"`);
    assert.equal(record[key], value, `${message ? `${message}: ` : ''}property "${key}"`);
  }
}
