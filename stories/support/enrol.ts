/**
 * What the `<mitid-enrol>` stories share: the element on the in-memory enrolment broker from `mitid-login/testing`
 * (`FakeEnrolBroker`, never the network), started at any step by the enrolment it holds (as a reload would show
 * it), and play helpers that act as a person would: fill a field, tick a box, send the step with its button, and
 * wait until the broker's answer is shown, never for a fixed time.
 */
import type { Args, ArgTypes, StoryContext, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import { action } from 'storybook/actions';
import '../../src/enrol/define.js';
import type { MitidEnrol } from '../../src/enrol/mitid-enrol.js';
import type { EnrolmentView } from '../../protocol/enrol-api.js';
import { FakeEnrolBroker, type FakeEnrolRefusal } from '../../testing/index.js';

export interface EnrolArgs extends Args {
  lang: 'da' | 'en';
  theme: 'light' | 'dark' | 'auto';
}

export type EnrolStory = StoryObj<EnrolArgs>;

/** Story parameters: what the enrolment holds when the story opens, and what the broker refuses (once each). */
export interface EnrolParameters {
  enrolment?: Partial<EnrolmentView>;
  refuse?: Record<string, FakeEnrolRefusal>;
}

export const enrolArgs: EnrolArgs = { lang: 'da', theme: 'light' };

export const enrolArgTypes: Partial<ArgTypes<EnrolArgs>> = {
  lang: { control: 'inline-radio', options: ['da', 'en'] },
  theme: { control: 'inline-radio', options: ['light', 'dark', 'auto'] },
};

/** Steps 2 to 5 done, as the enrolments of the later steps' stories hold them. */
export const CHOSEN: Partial<EnrolmentView> = {
  terms_accepted_at: '2026-12-04T09:00:00.000Z',
  contact: { email: 'maja.holm@eksempel.dk', phone: '20304050' },
  user_id: 'Sol.og.Hav77',
};

const log = {
  enrolled: action('mitid-enrolled'),
  error: action('mitid-enrol-error'),
  cancel: action('mitid-enrol-cancel'),
  step: action('mitid-enrol-step'),
};

/** The fake broker behind an element, found by the `fetch` the element was given. */
const brokers = new WeakMap<typeof globalThis.fetch, FakeEnrolBroker>();

/** A fresh enrolment per render: a story never shares one with another. */
export function renderEnrol(args: EnrolArgs, context: StoryContext) {
  const { enrolment = {}, refuse = {} } = context.parameters as EnrolParameters;
  const broker = new FakeEnrolBroker(structuredClone(enrolment));
  for (const [path, refusal] of Object.entries(refuse)) broker.refuse.set(path, refusal);
  brokers.set(broker.fetch, broker);
  const globals = context.globals as { lang?: EnrolArgs['lang'] | ''; theme?: EnrolArgs['theme'] | '' };
  // The app step asks the broker every few seconds; a story waits for its play function instead.
  return html`<mitid-enrol
    token="story-enrolment-token"
    lang=${globals.lang || args.lang}
    theme=${globals.theme || args.theme}
    .fetchImpl=${broker.fetch}
    .pollMs=${60 * 60_000}
    @mitid-enrolled=${log.enrolled}
    @mitid-enrol-error=${log.error}
    @mitid-enrol-cancel=${log.cancel}
    @mitid-enrol-step=${log.step}
  ></mitid-enrol>`;
}

/** A play function's hold on the element: fields by name, buttons by class, and the broker behind it. */
export class EnrolUser {
  constructor(
    readonly element: MitidEnrol,
    readonly broker: FakeEnrolBroker,
  ) {}

  /** The step as the element shows it, once every answer has been shown. */
  async settled(): Promise<void> {
    await this.broker.idle();
    await this.element.updateComplete;
  }

  fill(name: string, value: string): void {
    const field = this.field(name);
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  }

  tick(name: string, value?: string): void {
    this.field(name, value).click();
  }

  /** Sends the step (its submit button, as Enter would). */
  async send(): Promise<void> {
    this.button('.mitid-submit').click();
    await this.settled();
  }

  async press(selector: string): Promise<void> {
    this.button(selector).click();
    await this.settled();
  }

  /** Fails the play function unless the element shows `step`. */
  expectStep(step: MitidEnrol['currentStep']): void {
    if (this.element.currentStep !== step)
      throw new Error(`expected the ${step} step, saw ${this.element.currentStep}`);
  }

  /** Fails the play function unless a field shows a problem (the element has said it too). */
  expectProblem(): void {
    const problem = this.element.querySelector('.mitid-problem')?.textContent?.trim();
    if (!problem) throw new Error(`no problem shown at the ${this.element.currentStep} step`);
  }

  /** Fails the play function unless the element has said something urgent (an alert), such as a lost connection. */
  expectAlert(): void {
    const said = this.element.shadowRoot?.querySelector('[role="alert"]')?.textContent?.trim();
    if (!said) throw new Error(`nothing said at the ${this.element.currentStep} step`);
  }

  private field(name: string, value?: string): HTMLInputElement {
    const selector = value === undefined ? `input[name="${name}"]` : `input[name="${name}"][value="${value}"]`;
    const field = this.element.querySelector<HTMLInputElement>(selector);
    if (!field) throw new Error(`no field ${selector} at the ${this.element.currentStep} step`);
    return field;
  }

  private button(selector: string): HTMLButtonElement {
    const button = this.element.querySelector<HTMLButtonElement>(selector);
    if (!button) throw new Error(`no button ${selector} at the ${this.element.currentStep} step`);
    return button;
  }
}

/** The story's element, once it shows the step its enrolment is at. */
export async function enrolIn(canvasElement: HTMLElement): Promise<EnrolUser> {
  const element = canvasElement.querySelector<MitidEnrol>('mitid-enrol');
  const broker = element?.fetchImpl ? brokers.get(element.fetchImpl) : undefined;
  if (!element || !broker) throw new Error('no <mitid-enrol> with a fake broker in the story');
  const user = new EnrolUser(element, broker);
  await user.settled();
  return user;
}

export function inDanish(story: EnrolStory): EnrolStory {
  return { ...story, args: { ...story.args, lang: 'da' } };
}

export function inEnglish(story: EnrolStory): EnrolStory {
  return { ...story, args: { ...story.args, lang: 'en' } };
}
