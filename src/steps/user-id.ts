/** Step 1: the user ID. Needs no network and no heavy module: it is usable as soon as the element renders. */
import { html, nothing } from 'lit';
import type { UserIdState } from '../flow/machine.js';
import { busyText } from './shared.js';
import type { StepContext, StepView } from './types.js';
import type { FirstStepTranslation } from '../i18n/index.js';

export function renderUserIdStep({
  state,
  t,
  id,
  mode,
  rememberOffered,
  remembered,
  actions,
  hinted,
}: StepContext<UserIdState, FirstStepTranslation>): StepView {
  if (hinted || state.hinted) return renderHintedStart(state, t);
  const problem = state.problem ? t.userIdProblems[state.problem] : null;
  const describedBy = problem ? `${id('user-id-help')} ${id('user-id-problem')}` : id('user-id-help');
  return {
    heading: t.heading[mode],
    content: html`<p>${t.intro[mode]}</p>
      ${state.notice ? html`<p class="notice" part="notice">${t.cancelledNotice}</p>` : nothing}
      ${state.busy ? busyText(t.starting) : nothing}`,
    fields: html`<div class="mitid-field">
        <label for=${id('user-id')}>${t.userIdLabel}</label>
        <p class="mitid-help" id=${id('user-id-help')}>${t.userIdHint}</p>
        <input
          id=${id('user-id')}
          name="username"
          type="text"
          autocomplete="username"
          autocapitalize="none"
          autocorrect="off"
          spellcheck="false"
          enterkeyhint="next"
          .value=${state.userId}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${describedBy}
        />
        ${problem ? html`<p class="mitid-problem" id=${id('user-id-problem')}>${problem}</p>` : nothing}
      </div>
      ${
        rememberOffered
          ? html`<div class="mitid-check">
              <input type="checkbox" id=${id('remember')} name="remember" .checked=${remembered} />
              <label for=${id('remember')}>${t.rememberUserId}</label>
            </div>`
          : nothing
      }
      <button type="submit" class="mitid-submit" aria-disabled=${state.busy ? 'true' : 'false'}>${t.continue}</button>
      ${
        rememberOffered && remembered
          ? html`<button type="button" class="mitid-forget" @click=${actions.forgetUserId}>${t.forgetUserId}</button>`
          : nothing
      }`,
  };
}

/** An approval from the login hint: no field, starting by itself (busy), or after a cancel a Continue to start again. */
function renderHintedStart(state: UserIdState, t: FirstStepTranslation): StepView {
  return {
    heading: t.heading.approve,
    content: html`<p>${t.hintedIntro}</p>
      ${state.notice ? html`<p class="notice" part="notice">${t.cancelledNotice}</p>` : nothing}
      ${state.busy ? busyText(t.starting) : nothing}`,
    fields: html`<button type="submit" class="mitid-submit" aria-disabled=${state.busy ? 'true' : 'false'}>
      ${t.continue}
    </button>`,
  };
}
