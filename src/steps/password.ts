/**
 * The password, always last: after the code or after the chip. The user ID goes along in a hidden `autocomplete="username"`
 * field, so that a password manager knows whose password this is (Chromium's advice for username-first flows).
 */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { triesLeft } from './messages.js';
import { busyText, renderSessionActions, renderTimeLeft } from './shared.js';
import { renderTransaction } from './transaction.js';
import type { StepContext, StepView } from './types.js';

export function renderPasswordStep({
  state,
  t,
  id,
  actions,
  timeLeftMs,
}: StepContext<Extract<FlowState, { step: 'password' }>>): StepView {
  const { session } = state;
  const problem = state.problem ? t.passwordProblems[state.problem] : null;
  const attempts = state.problem === 'wrong' ? triesLeft(t, state.tries) : null;
  const describedBy = [id('password-help'), problem ? id('password-problem') : ''].filter(Boolean).join(' ');
  // The password always comes last (after the code or the key): it finishes the login or the approval.
  const submit = t.submit[session.mode];
  return {
    heading: t.passwordHeading,
    content: html`${renderTransaction(session, t)}
      <p class="muted">${t.userIdReminder(session.userId)}</p>
      ${renderTimeLeft(session, t, timeLeftMs)} ${state.busy ? busyText(t.busy) : nothing}`,
    fields: html`<input
        class="mitid-username"
        type="text"
        name="username"
        autocomplete="username"
        tabindex="-1"
        readonly
        .value=${session.userId}
      />
      <div class="mitid-field">
        <label for=${id('password')}>${t.passwordLabel}</label>
        <p class="mitid-help" id=${id('password-help')}>${t.passwordInstruction}</p>
        <input
          id=${id('password')}
          name="password"
          type="password"
          autocomplete="current-password"
          enterkeyhint="done"
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${describedBy}
        />
        ${
          problem
            ? html`<p class="mitid-problem" id=${id('password-problem')}>
                ${problem}${attempts ? html` ${attempts}` : nothing}
              </p>`
            : nothing
        }
      </div>
      <button type="submit" class="mitid-submit" aria-disabled=${state.busy ? 'true' : 'false'}>${submit}</button>`,
    // The code or the key is accepted: the method is settled.
    actions: renderSessionActions(session, t, actions, { extend: true, otherMethod: false }),
  };
}
