/**
 * What each of `<mitid-enrol>`'s steps shows (./steps.ts has which step it is). Pure functions of the element's
 * state: the fields go into the element's light-DOM form (so a password manager can save the new user ID and
 * password), the rest into its shadow root.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { renderQr } from '../steps/qr.js';
import type { OfferedMethod } from './catalogue.js';
import { PREVIOUS, type EnrolStepContext, type EnrolStepView, type FieldName } from './steps.js';

type Context = EnrolStepContext;

function problemOf(context: Context, field: FieldName): string | null {
  return context.problem?.field === field ? context.problem.text : null;
}

/** A text field with its label, help and problem, described by both. */
function textField(
  context: Context,
  field: FieldName,
  options: { label: string; help?: string; value: string; type?: string; autocomplete: string; inputmode?: string },
): TemplateResult {
  const { id } = context;
  const problem = problemOf(context, field);
  const described = [options.help ? id(`${field}-help`) : '', problem ? id(`${field}-problem`) : '']
    .filter(Boolean)
    .join(' ');
  return html`<div class="mitid-field">
    <label for=${id(field)}>${options.label}</label>
    ${options.help ? html`<p class="mitid-help" id=${id(`${field}-help`)}>${options.help}</p>` : nothing}
    <input
      id=${id(field)}
      name=${field}
      type=${options.type ?? 'text'}
      autocomplete=${options.autocomplete}
      inputmode=${options.inputmode ?? nothing}
      autocapitalize="none"
      spellcheck="false"
      .value=${options.value}
      aria-invalid=${problem ? 'true' : 'false'}
      aria-describedby=${described || nothing}
    />
    ${problem ? html`<p class="mitid-problem" id=${id(`${field}-problem`)}>${problem}</p>` : nothing}
  </div>`;
}

function buttons(context: Context, submit: string, extra: TemplateResult | typeof nothing = nothing): TemplateResult {
  const previous = PREVIOUS[context.step];
  const canGoBack = previous && !(context.step === 'activate' && context.drafts.method === 'app');
  return html`<div class="mitid-buttons">
    <button type="submit" class="mitid-submit" aria-disabled=${context.busy ? 'true' : 'false'}>${submit}</button>
    ${extra}
    ${canGoBack ? html`<button type="button" class="mitid-back" @click=${context.actions.back}>${context.t.back}</button>` : nothing}
  </div>`;
}

function busy(context: Context): TemplateResult | typeof nothing {
  return context.busy
    ? html`<p class="muted" part="busy"><span class="spinner" aria-hidden="true"></span>${context.t.busy}</p>`
    : nothing;
}

function renderTerms(context: Context): EnrolStepView {
  const { t, id, drafts } = context;
  const problem = problemOf(context, 'terms');
  return {
    heading: t.terms.heading,
    content: html`<p>${t.terms.intro}</p>
      <ul class="points" part="points">
        ${t.terms.points.map((point) => html`<li>${point}</li>`)}
      </ul>
      ${busy(context)}`,
    fields: html`<div class="mitid-check">
        <input
          type="checkbox"
          id=${id('terms')}
          name="terms"
          .checked=${drafts.accepted}
          aria-invalid=${problem ? 'true' : 'false'}
          aria-describedby=${problem ? id('terms-problem') : nothing}
        />
        <label for=${id('terms')}>${t.terms.accept}</label>
      </div>
      ${problem ? html`<p class="mitid-problem" id=${id('terms-problem')}>${problem}</p>` : nothing}
      ${buttons(context, t.continue)}`,
  };
}

const METHODS: readonly OfferedMethod[] = ['app', 'code-display', 'code-reader', 'chip'];

function renderMethod(context: Context): EnrolStepView {
  const { t, id, drafts } = context;
  const problem = problemOf(context, 'method');
  return {
    heading: t.method.heading,
    content: busy(context),
    fields: html`<fieldset class="mitid-choices" aria-describedby=${problem ? id('method-problem') : nothing}>
        <legend>${t.method.legend}</legend>
        ${METHODS.map(
          (method) =>
            html`<div class="mitid-check">
              <input
                type="radio"
                id=${id(`method-${method}`)}
                name="method"
                value=${method}
                .checked=${drafts.method === method}
                aria-invalid=${problem ? 'true' : 'false'}
                aria-describedby=${id(`method-${method}-help`)}
              />
              <label for=${id(`method-${method}`)}
                >${t.method.names[method]}
                <span class="mitid-help" id=${id(`method-${method}-help`)}>${t.method.help[method]}</span></label
              >
            </div>`,
        )}
      </fieldset>
      ${problem ? html`<p class="mitid-problem" id=${id('method-problem')}>${problem}</p>` : nothing}
      ${buttons(context, t.continue)}`,
  };
}

function renderContact(context: Context): EnrolStepView {
  const { t, drafts } = context;
  return {
    heading: t.contact.heading,
    content: html`<p>${t.contact.intro}</p>
      <p class="muted">${t.contact.help}</p>
      ${busy(context)}`,
    fields: html`${textField(context, 'email', { label: t.contact.email, value: drafts.email, type: 'email', autocomplete: 'email' })}
    ${textField(context, 'phone', { label: t.contact.phone, value: drafts.phone, type: 'tel', autocomplete: 'tel', inputmode: 'tel' })}
    ${buttons(context, t.continue)}`,
  };
}

function renderUserId(context: Context): EnrolStepView {
  const { t, drafts } = context;
  return {
    heading: t.userId.heading,
    content: html`<p>${t.userId.intro}</p>
      ${busy(context)}`,
    fields: html`${textField(context, 'user_id', {
      label: t.userId.label,
      help: t.userId.help,
      value: drafts.userId,
      autocomplete: 'username',
    })}
    ${buttons(context, t.continue)}`,
  };
}

function renderGet(context: Context): EnrolStepView {
  const { t, drafts, view } = context;
  if (drafts.method === 'app') {
    return {
      heading: t.app.getHeading,
      content: html`<p>${t.app.get}</p>
        <p>${t.app.share}</p>`,
      fields: buttons(context, t.app.haveIt),
    };
  }
  if (drafts.method === 'chip') {
    return { heading: t.chip.getHeading, content: html`<p>${t.chip.get}</p>`, fields: buttons(context, t.chip.haveIt) };
  }
  const method = drafts.method === 'code-reader' ? 'code-reader' : 'code-display';
  const sent = view?.device?.method === method ? view.device : undefined;
  return {
    heading: t.device.orderHeading[method],
    content: html`<p>${t.device.order}</p>
      ${sent ? html`<p class="notice" part="device-sent">${t.device.sent(sent.serial)}</p>` : nothing} ${busy(context)}`,
    fields: sent
      ? buttons(
          context,
          t.device.haveIt,
          html`<button type="button" class="mitid-again" @click=${context.actions.orderDevice}>
            ${t.device.orderAgain}
          </button>`,
        )
      : buttons(context, t.device.orderButton),
  };
}

function renderActivate(context: Context): EnrolStepView {
  const { t, drafts, activation, qr } = context;
  if (drafts.method === 'app') {
    return {
      heading: t.app.activateHeading,
      content: html`<p>${t.app.activate}</p>
        <div class="qr" part="qr">
          ${qr ? renderQr(qr, t.app.qrLabel) : html`<span class="qr-loading" aria-hidden="true"></span>`}
        </div>
        ${
          activation
            ? html`<p part="activation">
                ${t.app.codeText} <strong class="code" part="activation-code">${activation.activation_code}</strong>
              </p>`
            : nothing
        }
        <p class="hint" part="hint">${t.app.waiting}</p>`,
      fields: buttons(
        context,
        t.app.check,
        html`<button type="button" class="mitid-again" @click=${context.actions.newAppCode}>${t.app.newCode}</button>`,
      ),
    };
  }
  if (drafts.method === 'chip') {
    return {
      heading: t.chip.activateHeading,
      content: html`<p>${t.chip.activate}</p>
        ${busy(context)}`,
      fields: html`<input class="mitid-username" name="username" autocomplete="username" .value=${drafts.userId} />
        ${passwordField(context)} ${buttons(context, t.chip.register)}`,
    };
  }
  const method = drafts.method === 'code-reader' ? 'code-reader' : 'code-display';
  return {
    heading: t.device.activateHeading[method],
    content: html`<p>${t.device.activate}</p>
      ${busy(context)}`,
    fields: html`<input class="mitid-username" name="username" autocomplete="username" .value=${drafts.userId} />
      ${textField(context, 'serial', { label: t.device.serial, help: t.device.serialHelp, value: drafts.serial, autocomplete: 'off', inputmode: 'numeric' })}
      ${textField(context, 'code', { label: t.device.code, value: drafts.code, autocomplete: 'one-time-code', inputmode: 'numeric' })}
      ${passwordField(context)} ${buttons(context, t.continue)}`,
  };
}

/** The password chosen at step 7 (a code device's or a chip's): never kept in the drafts. */
function passwordField(context: Context): TemplateResult {
  const { t } = context;
  return textField(context, 'password', {
    label: t.device.password,
    help: t.device.passwordHelp,
    value: '',
    type: 'password',
    autocomplete: 'new-password',
  });
}

function renderDone(context: Context): EnrolStepView {
  const { t, view } = context;
  return {
    heading: t.done.heading,
    content: html`<p class="done" part="done">${t.done.text(view?.user_id ?? context.drafts.userId)}</p>
      <p>${t.done.notice}</p>`,
  };
}

export function renderEnrolStep(context: EnrolStepContext, message: string | null): EnrolStepView {
  const { t } = context;
  switch (context.step) {
    case 'loading':
      return {
        heading: t.loading,
        content: html`<p class="muted" part="busy"><span class="spinner" aria-hidden="true"></span>${t.busy}</p>`,
      };
    case 'terms':
      return renderTerms(context);
    case 'method':
      return renderMethod(context);
    case 'contact':
      return renderContact(context);
    case 'user-id':
      return renderUserId(context);
    case 'get':
      return renderGet(context);
    case 'activate':
      return renderActivate(context);
    case 'done':
      return renderDone(context);
    case 'error':
      return { heading: t.error.heading, content: html`<p class="error-message" part="error-message">${message}</p>` };
  }
}
