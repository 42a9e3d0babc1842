/**
 * The password, after a code or before the chip. The user ID goes along in a hidden `autocomplete="username"`
 * field, so that a password manager knows whose password this is (Chromium's advice for username-first flows).
 */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { busyText, renderSessionActions, renderTimeLeft, renderTransaction } from './shared.js';
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
  const attempts = state.attemptsLeft !== null && state.problem === 'wrong' ? t.attemptsLeft(state.attemptsLeft) : null;
  const describedBy = [id('password-help'), problem ? id('password-problem') : ''].filter(Boolean).join(' ');
  const submit = session.method === 'chip' ? t.continue : t.submit[session.mode];
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
    // After an accepted code the method is settled; for the chip the password comes first, so it is not yet.
    actions: renderSessionActions(session, t, actions, { extend: true, otherMethod: session.method === 'chip' }),
  };
}
