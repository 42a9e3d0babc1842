/**
 * scripts/size.mjs's `--check` (issue 25): every budget a build breaks is reported, each naming the file that grew,
 * and a chunk nobody gave a budget fails rather than slipping through.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  BUDGET,
  budgetName,
  overBudget as check,
  budgetCount,
  type SizeBudget as Budget,
} from '../../../scripts/size.mjs';

interface Row {
  file: string;
  firstLoad: boolean;
  gzip: number;
}
const KB = 1024;

function result(rows: Row[]) {
  const sum = (list: Row[]) => list.reduce((total, row) => total + row.gzip, 0);
  return {
    rows,
    firstLoad: { gzip: sum(rows.filter((row) => row.firstLoad)) },
    total: { gzip: sum(rows) },
  };
}

const budget: Budget = {
  firstLoadGzip: 10 * KB,
  totalGzip: 20 * KB,
  files: { 'mitid-login.js': 10 * KB, 'chunks/later-steps.js': 6 * KB, 'chunks/qr.js': 4 * KB },
};
const within = [
  { file: 'mitid-login.js', firstLoad: true, gzip: 9 * KB },
  { file: 'chunks/later-steps-CdAFlESV.js', firstLoad: false, gzip: 5 * KB },
  { file: 'chunks/qr-dh4k_Dnq.js', firstLoad: false, gzip: 3 * KB },
];

describe('the size budgets', () => {
  it('name a chunk by its module, without the content hash', () => {
    assert.equal(budgetName('chunks/later-steps-CdAFlESV.js'), 'chunks/later-steps.js');
    assert.equal(budgetName('chunks/webauthn-DA_ldUsJ.js'), 'chunks/webauthn.js');
    assert.equal(budgetName('chunks/qr-dh4k_Dnq.js'), 'chunks/qr.js');
    assert.equal(budgetName('mitid-login.js'), 'mitid-login.js');
  });

  it('pass a build within every budget', () => {
    assert.deepEqual(check(result(within), budget), []);
    assert.equal(budgetCount(result(within)), 5);
  });

  it('name the lazy chunk that grew, its size and its budget, even when the totals still hold', () => {
    const grown = within.map((row) => (row.file.includes('qr') ? { ...row, gzip: 4.3 * KB } : row));
    assert.deepEqual(check(result(grown), budget), ['chunks/qr-dh4k_Dnq.js: 4.3 KB gzip, over its budget of 4.0 KB']);
  });

  it('name the entry and the first load when the entry grew', () => {
    const grown = within.map((row) => (row.firstLoad ? { ...row, gzip: 10.5 * KB } : row));
    assert.deepEqual(check(result(grown), budget), [
      'mitid-login.js: 10.5 KB gzip, over its budget of 10.0 KB',
      'first load: 10.5 KB gzip, over its budget of 10.0 KB',
    ]);
  });

  it('fail a new chunk that has no budget, naming it', () => {
    const added = [...within, { file: 'chunks/wallet-AbCdEf12.js', firstLoad: false, gzip: 1 * KB }];
    assert.deepEqual(check(result(added), budget), [
      'chunks/wallet-AbCdEf12.js: 1.0 KB gzip, and no budget for chunks/wallet.js in scripts/size.mjs',
    ]);
  });

  it('fail everything together when the chunks are each within budget but their sum is not', () => {
    const tight = { ...budget, totalGzip: 16 * KB };
    assert.deepEqual(check(result(within), tight), ['everything together: 17.0 KB gzip, over its budget of 16.0 KB']);
  });

  it("keep the project's own file budgets within its totals", () => {
    const { files, firstLoadGzip, totalGzip } = BUDGET;
    const sum = Object.values(files).reduce((total, limit) => total + limit, 0);
    assert.ok(files['mitid-login.js']! <= firstLoadGzip, 'the entry is part of the first load');
    assert.ok(sum >= totalGzip, 'the total is the tighter limit: a file budget alone never allows more than it');
  });
});
