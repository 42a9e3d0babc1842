/** The end: done, or an error with a human message and, where it can help, a retry. */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { LOGIN_HINT_ERRORS } from '../login-hint.js';
import { errorMessage } from './messages.js';
import type { StepContext, StepView } from './types.js';

export function renderDoneStep({ state, t }: StepContext<Extract<FlowState, { step: 'done' }>>): StepView {
  return {
    heading: t.doneHeading[state.mode],
    content: html`<p class="done" part="done"><span aria-hidden="true">✓ </span>${t.doneText[state.mode]}</p>`,
  };
}

export function renderErrorStep({
  state,
  t,
  actions,
  now,
}: StepContext<Extract<FlowState, { step: 'error' }>>): StepView {
  return {
    heading: t.errorHeading,
    content: html`<p class="notice error-message" part="error-message">${errorMessage(t, state, now)}</p>`,
    actions: html`<div class="actions" part="actions">
      ${
        state.retryable
          ? html`<button type="button" class="primary" part="button primary retry" @click=${actions.retry}>
              ${LOGIN_HINT_ERRORS.has(state.code) ? t.enterUserId : t.retry}
            </button>`
          : nothing
      }
      <button type="button" part="button start-over" @click=${actions.startOver}>${t.startOver}</button>
    </div>`,
  };
}
