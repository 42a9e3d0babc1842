/**
 * The first-render benchmark's method: the paired difference (per round, then the median), the random page order,
 * and the probe inlined as each page's first script.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { pairedDifference, shuffled } from '../../../bench/stats.js';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PAGES } from '../../../bench/first-render.js';
import { inlineProbe, PROBED_PAGES, startStaticServer } from '../../../bench/static-server.js';

describe('paired difference', () => {
  it('subtracts within each round, so what a round shares cancels', () => {
    // Round-to-round noise of 0–80 ms on both pages, the element always 7 ms slower.
    const noise = [0, 80, 15, 40, 60, 5, 30];
    const floor = noise.map((value) => 90 + value);
    const element = floor.map((value) => value + 7);
    const pair = pairedDifference(element, floor);
    assert.equal(pair.n, 7);
    assert.equal(pair.median, 7);
    assert.equal(pair.q1, 7);
    assert.equal(pair.q3, 7);
    // The ratio of medians of the same data says 1.05×, and would change with the shared part alone.
  });

  it('gives the median, quartiles and 10th–90th percentiles of the differences', () => {
    const pair = pairedDifference([10, 20, 30, 40, 50], [0, 0, 0, 0, 0]);
    assert.deepEqual(pair, { n: 5, median: 30, q1: 20, q3: 40, p10: 14, p90: 46, min: 10, max: 50 });
  });

  it('leaves out a round in which either page was not measured', () => {
    const pair = pairedDifference([100, Number.NaN, 120], [90, 95, Number.NaN]);
    assert.equal(pair.n, 1);
    assert.equal(pair.median, 10);
  });

  it('refuses samples of different lengths (they cannot be paired)', () => {
    assert.throws(() => pairedDifference([1, 2], [1]), /differ in length: 2 and 1/);
  });
});

describe('page order', () => {
  it('is a permutation of the pages, and follows the random source', () => {
    const pages = ['plain', 'floor', 'element'] as const;
    const seen = new Set<string>();
    let seed = 1;
    // A small deterministic source (Park–Miller), so the test is repeatable.
    const random = () => ((seed = (seed * 48271) % 2147483647) - 1) / 2147483646;
    for (let round = 0; round < 60; round += 1) {
      const order = shuffled(pages, random);
      assert.deepEqual([...order].sort(), [...pages].sort());
      seen.add(order.join(','));
    }
    assert.equal(seen.size, 6, 'every order of three pages turns up over 60 rounds');
  });
});

describe('the probe inline', () => {
  const probe = readFileSync(new URL('../../../bench/pages/probe.js', import.meta.url), 'utf8');

  for (const page of ['plain', 'floor', 'element']) {
    it(`${page}.html: the probe is the first script, inline`, () => {
      const html = readFileSync(new URL(`../../../bench/pages/${page}.html`, import.meta.url), 'utf8');
      const served = inlineProbe(html, probe, page);
      const first = served.indexOf('<script');
      assert.equal(served.slice(first, first + '<script>'.length), '<script>', 'the first script has no src');
      assert.ok(served.includes(probe), 'the probe text is in the page as it is');
      assert.ok(!served.includes('src="/probe.js"'));
    });
  }

  it('refuses a page that does not name the probe, and a probe that would end the script element', () => {
    assert.throws(() => inlineProbe('<html></html>', probe, 'x.html'), /x\.html has no <script src="\/probe.js">/);
    assert.throws(() => inlineProbe('<script src="/probe.js"></script>', 'a</script>b', 'x.html'), /must not contain/);
  });

  it('is inlined into exactly the pages first render loads; the latency page is served as it is', async () => {
    assert.deepEqual([...PROBED_PAGES].sort(), PAGES.map((page) => `/${page}.html`).sort());
    const server = await startStaticServer(mkdtempSync(path.join(tmpdir(), 'bench-dist-')));
    try {
      const element = await fetch(`${server.origin}/element.html`);
      assert.equal(element.status, 200);
      assert.ok(!(await element.text()).includes('src="/probe.js"'));
      const latency = await fetch(`${server.origin}/latency.html`);
      assert.equal(latency.status, 200, 'the latency page has no probe and is still served');
    } finally {
      await server.close();
    }
  });
});
