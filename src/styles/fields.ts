/**
 * Styles of the light-DOM form that holds the element's inputs (see docs/autofill.md). Adopted once into the
 * element's root node (the document, or an enclosing shadow root) as a constructable stylesheet, so a strict CSP
 * needs no `unsafe-inline`. Layout rules use `:where()` (specificity zero, so a page may adjust them); the buttons
 * are shielded from the page's global CSS (see below and docs/theming.md).
 */
import { css } from 'lit';

export const FORM_CLASS = 'mitid-login-form';

export const fieldStyles = css`
  :where(.mitid-login-form) {
    display: grid;
    gap: var(--mitid-space, 1rem);
    margin: 0;
  }
  :where(.mitid-login-form) :where(.mitid-field) {
    display: grid;
    gap: 0.375rem;
  }
  :where(.mitid-login-form) :where(label) {
    font-weight: 600;
  }
  :where(.mitid-login-form) :where(.mitid-help) {
    margin: 0;
    color: var(--mitid-color-muted, #4b5563);
    font-size: 0.9375em;
  }
  :where(.mitid-login-form) :where(.mitid-problem) {
    margin: 0;
    color: var(--mitid-color-error, #b42318);
    font-weight: 600;
  }
  :where(.mitid-login-form) :where(.mitid-problem)::before {
    content: '⚠ ';
  }
  :where(.mitid-login-form) :where(input[type='text'], input[type='password']) {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 0.75rem;
    border: 1px solid var(--mitid-color-border, #6b7280);
    border-radius: var(--mitid-radius, 0.375rem);
    background: var(--mitid-color-background, #fff);
    color: var(--mitid-color-text, #1b1f24);
    width: 100%;
    box-sizing: border-box;
  }
  :where(.mitid-login-form) :where(input[aria-invalid='true']) {
    border: 2px solid var(--mitid-color-error, #b42318);
  }
  :where(.mitid-login-form) :where(.mitid-code) {
    letter-spacing: 0.3em;
    font-variant-numeric: tabular-nums;
    max-width: 12em;
  }
  :where(.mitid-login-form) :where(.mitid-check) {
    display: flex;
    gap: 0.5rem;
    align-items: center;
    min-height: 1.5rem;
  }
  :where(.mitid-login-form) :where(.mitid-check input) {
    /* A long label wraps instead of squeezing the box under 24 × 24 (2.5.8) on a narrow screen. */
    flex: none;
    width: 1.5rem;
    height: 1.5rem;
    margin: 0;
  }
  :where(.mitid-login-form) :where(.mitid-check label) {
    font-weight: 400;
  }
  :where(.mitid-login-form) :where(.mitid-username) {
    display: none;
  }
  /*
   * The buttons must look like the shadow DOM's whatever the page's global CSS says (one look): "all: revert"
   * takes every page rule off them, and the doubled class (specificity 0,2,1) beats a page's "button" or ".btn"
   * rules. Custom properties are not reset by "all", so --mitid-* theming works as before; a page that means to
   * style these buttons says so with a more specific rule (docs/theming.md).
   */
  .mitid-login-form.mitid-login-form button {
    all: revert;
    box-sizing: border-box;
    font: inherit;
    letter-spacing: normal;
    text-transform: none;
    text-align: center;
    text-decoration: none;
    text-shadow: none;
    box-shadow: none;
    min-height: 2.75rem;
    min-width: 2.75rem;
    margin: 0;
    padding: 0.5rem 1rem;
    border-radius: var(--mitid-radius, 0.375rem);
    border: 2px solid var(--mitid-color-primary, #0052cc);
    background: var(--mitid-color-background, #fff);
    color: var(--mitid-color-primary, #0052cc);
    cursor: pointer;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    justify-self: start;
    width: auto;
  }
  .mitid-login-form.mitid-login-form button:hover {
    border-color: var(--mitid-color-primary-hover, #003d99);
    color: var(--mitid-color-primary-hover, #003d99);
  }
  .mitid-login-form.mitid-login-form button.mitid-submit {
    background: var(--mitid-color-primary, #0052cc);
    color: var(--mitid-color-on-primary, #fff);
  }
  .mitid-login-form.mitid-login-form button.mitid-submit:hover {
    background: var(--mitid-color-primary-hover, #003d99);
    color: var(--mitid-color-on-primary, #fff);
  }
  .mitid-login-form.mitid-login-form button[aria-disabled='true'] {
    opacity: 0.7;
    cursor: progress;
  }
  .mitid-login-form.mitid-login-form :is(input, button):focus-visible {
    outline: var(--mitid-focus-ring, 3px solid #0052cc);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    .mitid-login-form.mitid-login-form :is(input, button):focus-visible {
      outline-color: Highlight;
    }
  }
`;
