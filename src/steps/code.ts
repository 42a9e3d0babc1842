/** Code display / audio code reader: the 6-digit one-time code, attempts left, then the password step. */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { triesLeft } from './messages.js';
import { busyText, renderSessionActions, renderTimeLeft } from './shared.js';
import { renderTransaction } from './transaction.js';
import type { StepContext, StepView } from './types.js';

export function renderCodeStep({
  state,
  t,
  id,
  actions,
  timeLeftMs,
}: StepContext<Extract<FlowState, { step: 'code' }>>): StepView {
  const { session } = state;
  const problem = state.problem ? t.codeProblems[state.problem] : null;
  const attempts = state.problem === 'wrong' ? triesLeft(t, state.tries) : null;
  const describedBy = [id('code-help'), problem ? id('code-problem') : ''].filter(Boolean).join(' ');
  return {
    heading: t.codeHeading,
    content: html`${renderTransaction(session, t)}${renderTimeLeft(session, t, timeLeftMs)}
    ${state.busy ? busyText(t.busy) : nothing}`,
    fields: html`<div class="mitid-field">
        <label for=${id('code')}>${t.codeLabel}</label>
        <p class="mitid-help" id=${id('code-help')}>${t.codeInstruction[state.method]}</p>
        <input
          id=${id('code')}
          class="mitid-code"
          name="one-time-code"
          type="text"
          inputmode="numeric"
          autocomplete="one-time-code"
          enterkeyhint="next"
          spellcheck="false"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${describedBy}
        />
        ${
          problem
            ? html`<p class="mitid-problem" id=${id('code-problem')}>
                ${problem}${attempts ? html` ${attempts}` : nothing}
              </p>`
            : nothing
        }
      </div>
      <button type="submit" class="mitid-submit" aria-disabled=${state.busy ? 'true' : 'false'}>${t.continue}</button>`,
    actions: renderSessionActions(session, t, actions, { extend: true }),
  };
}
