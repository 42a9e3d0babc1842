/**
 * The element's fields live in its light DOM (docs/autofill.md): one `<form slot="form">` that the element owns,
 * rendered with Lit's `render()`, plus one constructable stylesheet adopted into the element's root node.
 */
import { nothing, render, type CSSResult, type TemplateResult } from 'lit';
import { FORM_CLASS, fieldStyles } from '../styles/fields.js';

export class LightForm {
  private form?: HTMLFormElement;

  constructor(
    private readonly host: HTMLElement,
    private readonly onSubmit: (event: SubmitEvent) => void,
  ) {}

  get element(): HTMLFormElement | undefined {
    return this.form;
  }

  /** Creates the form if the element has none (first connection, or a page that cleared the element's children). */
  ensure(): HTMLFormElement {
    if (this.form?.parentNode === this.host) return this.form;
    const form = document.createElement('form');
    form.slot = 'form';
    form.className = FORM_CLASS;
    form.noValidate = true;
    form.addEventListener('submit', this.onSubmit);
    this.form = form;
    this.host.append(form);
    return form;
  }

  /** Adopts the field styles (and an element's `extra` ones) once into the document or shadow root it lives in. */
  adoptStyles(extra?: CSSResult): void {
    const root = this.host.getRootNode() as Document | ShadowRoot;
    if (!('adoptedStyleSheets' in root)) return;
    for (const sheet of [fieldStyles.styleSheet, extra?.styleSheet]) {
      if (sheet && !root.adoptedStyleSheets.includes(sheet))
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    }
  }

  render(fields: TemplateResult | undefined): void {
    const form = this.ensure();
    form.hidden = !fields;
    render(fields ?? nothing, form, { host: this.host });
  }

  field(name: string): HTMLInputElement | null {
    return this.form?.querySelector<HTMLInputElement>(`input[name="${name}"]`) ?? null;
  }

  focusInvalid(): void {
    this.form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }
}
