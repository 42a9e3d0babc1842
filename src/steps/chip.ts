/** The chip: after the password, the browser's own WebAuthn prompt (loaded only now). */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { busyText, renderSessionActions, renderTimeLeft, renderTransaction } from './shared.js';
import type { StepContext, StepView } from './types.js';

export function renderChipStep({
  state,
  t,
  actions,
  timeLeftMs,
}: StepContext<Extract<FlowState, { step: 'chip' }>>): StepView {
  const { session } = state;
  return {
    heading: t.chipHeading,
    content: html`${renderTransaction(session, t)}
      <p>${t.chipInstruction}</p>
      ${
        state.problem
          ? html`<p class="notice error-message" part="error-message">
              ${t.chipProblems[state.problem]}
              ${state.attemptsLeft !== null ? t.attemptsLeft(state.attemptsLeft) : nothing}
            </p>`
          : nothing
      }
      ${
        state.phase === 'waiting'
          ? busyText(t.chipWaiting)
          : html`<div class="actions">
              <button type="button" class="primary" part="button primary" @click=${actions.startChip}>
                ${t.chipStart}
              </button>
            </div>`
      }
      ${renderTimeLeft(session, t, timeLeftMs)}`,
    actions: renderSessionActions(session, t, actions, { extend: true, otherMethod: false }),
  };
}
