/** Choose a method: the app, code display, audio code reader or chip (only those the broker offers). */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { busyText, renderSessionActions } from './shared.js';
import { renderTransaction } from './transaction.js';
import type { StepContext, StepView } from './types.js';

export function renderMethodStep({ state, t, actions }: StepContext<Extract<FlowState, { step: 'method' }>>): StepView {
  const { session } = state;
  return {
    heading: t.methodHeading[session.mode],
    content: html`${renderTransaction(session, t)}
      <ul class="methods" role="list">
        ${session.methods.map(
          (method) =>
            html`<li>
              <button
                type="button"
                class="method"
                part="button method"
                aria-disabled=${state.busy ? 'true' : 'false'}
                @click=${() => !state.busy && actions.chooseMethod(method)}
              >
                <strong>${t.methodNames[method]}</strong><span>${t.methodDescriptions[method]}</span>
              </button>
            </li>`,
        )}
      </ul>
      ${state.busy ? busyText(t.busy) : nothing}`,
    actions: renderSessionActions(session, t, actions, { otherMethod: false }),
  };
}
