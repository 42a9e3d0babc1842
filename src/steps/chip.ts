/** The chip: the browser's own WebAuthn prompt (loaded only now); the password comes after the key. */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { triesLeft } from './messages.js';
import { busyText, renderSessionActions, renderTimeLeft } from './shared.js';
import { renderTransaction } from './transaction.js';
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
              ${state.problem === 'failed' ? (triesLeft(t, state.tries) ?? nothing) : nothing}
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
    // The key comes first, so until it has answered the user may still choose another method.
    actions: renderSessionActions(session, t, actions, { extend: true, otherMethod: true }),
  };
}
