/**
 * Escape on a step with a Cancel button asks first, in the card: "Do you want to cancel? Nothing has been
 * approved." (a login: "You are not logged in yet.") with "Yes, cancel" and "No, continue" (focused). One key
 * press never throws away a login or a transfer being approved; Escape again, or "No", closes the question and focus goes back where it was. The
 * Cancel button itself still cancels at once: pressing it is the decision. The host decides what cancelling
 * means (it asks the page first with `mitid-cancel`). A key already handled inside the element or by the page is
 * left alone.
 */
import { html, nothing, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from 'lit';
import type { Step } from '../flow/machine.js';
import type { FirstStepTranslation } from '../i18n/index.js';
import type { Mode } from '../../protocol/page-api.js';

/** Steps where Escape (and the cancel button) cancel the session. */
const CANCELLABLE: ReadonlySet<Step> = new Set(['approve', 'method', 'app', 'code', 'password', 'chip']);

type Host = ReactiveControllerHost & HTMLElement & { readonly step: Step; readonly renderRoot: ParentNode };

export class CancelKeyController implements ReactiveController {
  /** The step the question was asked on (it is gone once the step changes); undefined: no question. */
  private askedOn: Step | undefined;
  private returnFocus: HTMLElement | null = null;
  private focusQuestion = false;

  constructor(
    private readonly host: Host,
    private readonly onCancel: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.handleKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.handleKeydown);
  }

  hostUpdated(): void {
    if (!this.focusQuestion) return;
    this.focusQuestion = false;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="keep-going"]')?.focus();
  }

  /** The question, while it is asked on the step shown. */
  render(t: FirstStepTranslation, mode: Mode): TemplateResult | typeof nothing {
    if (this.askedOn === undefined || this.askedOn !== this.host.step) return nothing;
    return html`<div
      class="notice cancel-question"
      part="notice cancel-question"
      role="group"
      aria-labelledby="cancel-question"
    >
      <p id="cancel-question">${t.cancelQuestion[mode]}</p>
      <div class="actions">
        <button type="button" part="button keep-going" @click=${this.close}>${t.cancelNo}</button>
        <button type="button" part="button cancel" @click=${this.confirm}>${t.cancelYes}</button>
      </div>
    </div>`;
  }

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !CANCELLABLE.has(this.host.step)) return;
    event.preventDefault();
    if (this.askedOn === this.host.step) {
      this.close();
      return;
    }
    this.askedOn = this.host.step;
    this.returnFocus = deepActiveElement();
    this.focusQuestion = true;
    this.host.requestUpdate();
  };

  private readonly confirm = () => {
    this.askedOn = undefined;
    this.onCancel();
    this.host.requestUpdate();
  };

  private readonly close = () => {
    this.askedOn = undefined;
    const back = this.returnFocus;
    this.returnFocus = null;
    this.host.requestUpdate();
    void this.host.updateComplete.then(() => {
      if (back?.isConnected) back.focus();
      else this.host.renderRoot.querySelector<HTMLElement>('h2')?.focus();
    });
  };
}

function deepActiveElement(): HTMLElement | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active instanceof HTMLElement ? active : null;
}
