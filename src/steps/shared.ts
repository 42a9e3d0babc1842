/** Pieces several steps share: the time left and the secondary buttons (the text being approved: ./transaction.ts). */
import { html, nothing } from 'lit';
import type { SessionContext } from '../flow/machine.js';
import type { Translation } from '../i18n/index.js';
import type { StepActions } from './types.js';

/** Below this, the user is warned and offered more time (WCAG 2.2.1 asks for at least 20 seconds to react). */
export const TIME_WARNING_MS = 60_000;

export function formatTimeLeft(t: Translation, ms: number) {
  const seconds = Math.ceil(ms / 1000);
  return t.timeLeft(Math.floor(seconds / 60), seconds % 60);
}

export function renderTimeLeft(session: SessionContext, t: Translation, timeLeftMs: number | null) {
  if (timeLeftMs === null) return nothing;
  const warn = timeLeftMs <= TIME_WARNING_MS;
  return html`<p class="time ${warn ? 'time-warning' : ''}" part="time">
    ${formatTimeLeft(t, timeLeftMs)}${warn ? html`<br />${session.extensionsLeft > 0 ? t.timeWarning : t.noMoreTime}` : nothing}
  </p>`;
}

export function renderSessionActions(
  session: SessionContext,
  t: Translation,
  actions: StepActions,
  { extend = false, otherMethod = true } = {},
) {
  return html`<div class="actions" part="actions">
    ${
      extend && session.extensionsLeft > 0
        ? html`<button type="button" part="button more-time" @click=${actions.extend}>${t.moreTime}</button>`
        : nothing
    }
    ${
      otherMethod && session.methods.length > 1
        ? html`<button type="button" part="button other-method" @click=${actions.showMethods}>${t.otherMethod}</button>`
        : nothing
    }
    <button type="button" part="button cancel" @click=${actions.cancel}>${t.cancel}</button>
  </div>`;
}

export function busyText(text: string) {
  return html`<p class="muted" part="busy"><span class="spinner" aria-hidden="true"></span>${text}</p>`;
}
