/**
 * Driving `<mitid-enrol>` in its browser tests (test/browser/mitid-enrol*.test.ts), as a person would: the element on
 * the in-memory enrolment broker (`FakeEnrolBroker`), its fields by name, sending a step and waiting until the
 * answer is shown.
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/enrol/define.js';
import type { MitidEnrol } from '../../src/enrol/mitid-enrol.js';
import { FakeEnrolBroker } from '../../testing/index.js';

export async function mount(fake = new FakeEnrolBroker(), lang = 'da') {
  const el = await fixture<MitidEnrol>(
    html`<mitid-enrol token="enrolment-token-0123456789" lang=${lang} .fetchImpl=${fake.fetch}></mitid-enrol>`,
  );
  await fake.idle();
  await el.updateComplete;
  return { el, fake };
}

export const shadow = (el: MitidEnrol) => el.shadowRoot!;
export const heading = (el: MitidEnrol) => shadow(el).querySelector('h2')!.textContent!.replace(/\s+/g, ' ').trim();
export const form = (el: MitidEnrol) => el.querySelector('form')!;
export const input = (el: MitidEnrol, name: string) => el.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;
export const alertText = (el: MitidEnrol) => shadow(el).querySelector('[role="alert"]')!.textContent!.trim();
export const politeText = (el: MitidEnrol) => shadow(el).querySelector('[role="status"]')!.textContent!.trim();

export function type(el: MitidEnrol, name: string, value: string) {
  const field = input(el, name);
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

export function tick(el: MitidEnrol, name: string, value?: string) {
  const field = value
    ? el.querySelector<HTMLInputElement>(`input[name="${name}"][value="${value}"]`)!
    : input(el, name);
  field.click();
}

export async function submit(el: MitidEnrol, fake: FakeEnrolBroker) {
  form(el).requestSubmit();
  await fake.idle();
  await el.updateComplete;
}

export async function press(el: MitidEnrol, fake: FakeEnrolBroker, selector: string) {
  el.querySelector<HTMLButtonElement>(selector)!.click();
  await fake.idle();
  await el.updateComplete;
}

/** Takes the element to `step` the way a person would, with `method`. */
export async function walkTo(el: MitidEnrol, fake: FakeEnrolBroker, step: string, method = 'code-display') {
  const order = ['terms', 'method', 'contact', 'user-id', 'get', 'activate'];
  for (const at of order.slice(0, order.indexOf(step))) {
    if (at === 'terms') tick(el, 'terms');
    if (at === 'method') tick(el, 'method', method);
    if (at === 'contact') type(el, 'email', 'maja@eksempel.dk');
    if (at === 'user-id') type(el, 'user_id', 'Sol.og.Hav77');
    await submit(el, fake);
    if (at === 'get' && method !== 'app') await submit(el, fake); // ordered, then "I have the device"
  }
  expect(el.currentStep).to.equal(step);
}
