/**
 * One look: a host page's global CSS must not split the element's look. The light-DOM form's buttons (there for
 * autofill) are compared with the shadow DOM's under hostile page rules, and method buttons start their text at
 * the same place whether it fits one line or wraps.
 */
import '../support/lit-warnings.js';
import { expect } from '@open-wc/testing';
import { advance, mount } from '../support/element.js';

const HOSTILE = `
  button, .btn, form button, button[type='submit'] {
    background: red !important;
  }
`;
const HOSTILE_PLAIN = `
  button { background: red; color: yellow; text-align: left; font: 30px serif; letter-spacing: 3px;
    text-transform: uppercase; border: 5px dotted green; border-radius: 0; padding: 2px; margin: 10px;
    min-height: 0; box-shadow: 0 0 5px black; width: 300px; }
  form button { font-weight: 100; }
  .btn-primary, button.primary { background: purple; }
`;

const COMPARED = [
  'background-color',
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'letter-spacing',
  'text-transform',
  'border-top-width',
  'border-top-style',
  'border-top-color',
  'border-top-left-radius',
  'padding-top',
  'padding-left',
  'min-height',
  'box-shadow',
  'margin-top',
] as const;

function styleOf(element: Element) {
  const style = getComputedStyle(element);
  return Object.fromEntries(COMPARED.map((name) => [name, style.getPropertyValue(name)]));
}

function addPageCss(text: string) {
  const style = document.createElement('style');
  style.textContent = text;
  document.head.append(style);
  return style;
}

describe("one look under a host page's global CSS", () => {
  let sheet: HTMLStyleElement | undefined;
  afterEach(() => sheet?.remove());

  it("the light-DOM Continue looks like the shadow DOM's primary button, not like the page's buttons", async () => {
    sheet = addPageCss(HOSTILE_PLAIN);
    const { el, clock, user } = await mount({ script: { createError: 'store_unavailable' } });
    const submit = el.querySelector('button.mitid-submit')!;
    const light = styleOf(submit);
    expect(light['background-color']).to.equal('rgb(0, 82, 204)');
    expect(light['font-size']).to.not.equal('30px');

    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('error');
    const retry = el.shadowRoot!.querySelector('button[part~="primary"]')!;
    expect(light).to.deep.equal(styleOf(retry));
    expect(getComputedStyle(submit).width).to.not.equal('300px');
  });

  it('--mitid-* theming still reaches the light-DOM buttons', async () => {
    sheet = addPageCss(`${HOSTILE_PLAIN} mitid-login { --mitid-color-primary: rgb(10, 120, 40); }`);
    const { el } = await mount();
    expect(getComputedStyle(el.querySelector('button.mitid-submit')!).backgroundColor).to.equal('rgb(10, 120, 40)');
  });

  it("a page rule with !important is the page's own explicit choice and still wins (documented)", async () => {
    sheet = addPageCss(HOSTILE);
    const { el } = await mount();
    expect(getComputedStyle(el.querySelector('button.mitid-submit')!).backgroundColor).to.equal('rgb(255, 0, 0)');
  });

  it('method buttons: text that fits one line starts where wrapped text does', async () => {
    const { el, clock, user } = await mount({ lang: 'en' });
    el.style.width = '30rem';
    await user.submitUserId('anna');
    await advance(el, clock, 0);
    expect(el.step).to.equal('method');
    const buttons = [...el.shadowRoot!.querySelectorAll<HTMLElement>('button[part~="method"]')];
    const starts = buttons.map((button) => {
      const strong = button.querySelector('strong')!.getBoundingClientRect().left;
      return Math.round(strong - button.getBoundingClientRect().left);
    });
    const lines = buttons.map((button) => {
      const span = button.querySelector('span')!;
      return Math.round(span.getBoundingClientRect().height / parseFloat(getComputedStyle(span).lineHeight));
    });
    expect(
      lines.some((count) => count > 1),
      `some description wraps at 30rem: ${lines.join(',')}`,
    ).to.equal(true);
    expect(
      lines.some((count) => count === 1),
      `some description fits one line: ${lines.join(',')}`,
    ).to.equal(true);
    expect(new Set(starts).size, `every name starts at the same offset: ${starts.join(',')}`).to.equal(1);
  });
});
