/**
 * The app: on another device, an animated QR code to scan; on this device (a phone), a link that opens the app.
 * The hint follows the broker (waiting, QR scanned, approve in the app), with the time left and more time.
 */
import { html, nothing } from 'lit';
import type { FlowState } from '../flow/machine.js';
import { appHint } from './messages.js';
import { renderQr } from './qr.js';
import { busyText, renderSessionActions, renderTimeLeft } from './shared.js';
import { renderTransaction } from './transaction.js';
import type { StepActions, StepContext, StepView } from './types.js';
import type { Translation } from '../i18n/index.js';

type AppState = Extract<FlowState, { step: 'app' }>;

/** Only links that open an app or a page; never `javascript:` or `data:`. */
export function safeAppLink(link: string | null): string | null {
  if (!link) return null;
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(link.trim())?.[1]?.toLowerCase();
  return scheme && ['javascript', 'data', 'vbscript', 'blob', 'file'].includes(scheme) ? null : link;
}

export function renderAppStep({ state, t, actions, timeLeftMs, qr }: StepContext<AppState>): StepView {
  const { session } = state;
  const link = safeAppLink(state.appLink);
  const body = state.busy
    ? busyText(t.starting)
    : html`<p>${state.device === 'same' ? t.appInstructionSame : t.appInstructionCross}</p>
        ${
          state.device === 'same'
            ? link
              ? html`<a
                  class="button primary"
                  part="button primary app-link"
                  href=${link}
                  target="_blank"
                  rel="noopener"
                  >${t.openApp}</a
                >`
              : nothing
            : state.hint === 'outstanding'
              ? html`<figure class="qr" part="qr">
                    ${
                      qr
                        ? renderQr(qr, state.pairingCode ? t.qrAlternativePairing : t.qrAlternative)
                        : html`<p class="qr-loading">${t.qrLoading}</p>`
                    }
                  </figure>
                  ${renderPairingCode(state.pairingCode, t, actions)}`
              : nothing /* scanned: the code has done its job, the hint says what comes next */
        }
        <p class="hint" part="hint">${appHint(t, state)}</p>
        ${renderTimeLeft(session, t, timeLeftMs)}`;
  return {
    heading: t.appHeading,
    content: html`${renderTransaction(session, t)}${body}`,
    // The broker lets the user switch method only until something is proven (here: the QR code scanned).
    actions: renderSessionActions(session, t, actions, {
      extend: !state.busy,
      otherMethod: state.hint === 'method-required' || state.hint === 'outstanding',
    }),
  };
}

/** The pairing code as text ("123 456"), and a button that says it digit by digit. */
function renderPairingCode(code: string | undefined, t: Translation, actions: StepActions) {
  if (!code) return nothing;
  return html`<p class="pairing" part="pairing">
    ${t.pairingCodeIntro}
    <strong class="pairing-code" part="pairing-code">${code.slice(0, 3)} ${code.slice(3)}</strong>
    <button type="button" class="button" part="button read-pairing-code" @click=${() => actions.readPairingCode()}>
      ${t.readPairingCode}
    </button>
  </p>`;
}
