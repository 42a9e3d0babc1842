/** Approve mode, before any method: "Godkend følgende?", the text as plain text, who asks, and the reminder. */
import { html } from 'lit';
import type { FlowState } from '../flow/machine.js';
import type { StepContext, StepView } from './types.js';
import { renderTransaction } from './transaction.js';

export function renderApproveStep({
  state,
  t,
  actions,
}: StepContext<Extract<FlowState, { step: 'approve' }>>): StepView {
  return {
    heading: t.approveQuestion,
    content: html`${renderTransaction(state.session, t, false)}
      <p class="notice" part="notice">${t.approveReminder}</p>`,
    actions: html`<div class="actions" part="actions">
      <button type="button" class="primary" part="button primary" @click=${actions.continueApproval}>
        ${t.approveContinue}
      </button>
      <button type="button" part="button cancel" @click=${actions.cancel}>${t.cancel}</button>
    </div>`,
  };
}
