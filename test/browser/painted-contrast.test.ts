/**
 * The painted-contrast check (test/support/painted-contrast.js) catches a real failure: in forced colours with a
 * dark system theme, text that keeps its own colours (`forced-color-adjust: none`) grey on grey is reported by axe
 * and fails by its pixels, as does small text at 3:1; large text at 3:1 passes, and so does text axe reports from
 * its styles that is painted otherwise (the pixels decide).
 */
import { expect } from '@open-wc/testing';
import { executeServerCommand } from '@web/test-runner-commands';
import { paintedContrastFailures } from '../support/painted-contrast-wtr.js';

const emulate = (features: { name: string; value: string }[]) =>
  executeServerCommand('emulate-media-features', { features });

describe('painted contrast (forced colours, dark system theme)', function () {
  this.timeout(20_000);
  const forcedDark = () =>
    emulate([
      { name: 'forced-colors', value: 'active' },
      { name: 'prefers-color-scheme', value: 'dark' },
    ]);
  // Plain DOM, not fixture(): that waits for an animation frame, which a test page in the background never gets.
  const pages: HTMLElement[] = [];
  const show = (markup: string, style = '') => {
    const page = document.createElement('main');
    page.setAttribute('style', style);
    page.innerHTML = markup;
    document.body.append(page);
    pages.push(page);
    return page;
  };
  afterEach(async () => {
    for (const page of pages.splice(0)) page.remove();
    await emulate([]);
  });

  it('fails grey on grey and small text at 3:1, passes large text at 3:1 and black on white', async () => {
    // Below the fold of the 600 px high page: the box is scrolled to and shot where it is.
    const page = show(`
      <div style="height: 900px"></div>
      <p id="grey" style="forced-color-adjust: none; color: #777777; background: #888888; font-size: 16px">Grey on grey</p>
      <p id="small" style="forced-color-adjust: none; color: #949494; background: #ffffff; font-size: 16px">Small text at 3:1</p>
      <p id="large" style="forced-color-adjust: none; color: #949494; background: #ffffff; font-size: 28px">Large text at 3:1</p>
      <p id="fine" style="forced-color-adjust: none; color: #000000; background: #ffffff; font-size: 16px">Black on white</p>
    `);
    await forcedDark();
    expect(matchMedia('(forced-colors: active)').matches).to.equal(true);
    const failures = await paintedContrastFailures(page);
    expect(failures.map((line) => line.split(':')[0])).to.deep.equal(['#grey', '#small']);
    expect(failures[0]).to.match(/painted #7\w+ on #888888 = 1\.\d\d, under 4\.5:1/);
    expect(failures[1]).to.match(/painted #9\w+ on #ffffff = (2|3)\.\d\d, under 4\.5:1/);
  });

  it('judges by the pixels, not by the styles axe reads: grey on grey painted black on white passes', async () => {
    // A CSS filter axe does not apply: the authored #777777 on #888888 is painted #000000 on #ffffff.
    const page = show(`<p id="filtered" style="forced-color-adjust: none; color: #777777; background: #888888;
      filter: contrast(100)">Painted other than authored</p>`);
    await forcedDark();
    const painted = (window as unknown as { paintedContrast: { find(context: Element): Promise<number> } })
      .paintedContrast;
    expect(await painted.find(page), 'axe reports the authored grey on grey').to.equal(1);
    expect(await paintedContrastFailures(page)).to.deep.equal([]);
  });
});
