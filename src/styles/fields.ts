/**
 * Styles of the light-DOM form that holds the element's inputs (see docs/autofill.md). Adopted once into the
 * element's root node (the document, or an enclosing shadow root) as a constructable stylesheet, so a strict CSP
 * needs no `unsafe-inline`. `:where()` keeps specificity at zero, so any page rule wins.
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
  :where(.mitid-login-form) :where(button) {
    font: inherit;
    min-height: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--mitid-radius, 0.375rem);
    border: 2px solid var(--mitid-color-primary, #0052cc);
    background: var(--mitid-color-background, #fff);
    color: var(--mitid-color-primary, #0052cc);
    cursor: pointer;
    justify-self: start;
  }
  :where(.mitid-login-form) :where(button.mitid-submit) {
    background: var(--mitid-color-primary, #0052cc);
    color: var(--mitid-color-on-primary, #fff);
  }
  :where(.mitid-login-form) :where(button[aria-disabled='true']) {
    opacity: 0.7;
    cursor: progress;
  }
  :where(.mitid-login-form) :where(input, button):focus-visible {
    outline: var(--mitid-focus-ring, 3px solid #0052cc);
    outline-offset: 2px;
  }
  @media (forced-colors: active) {
    :where(.mitid-login-form) :where(input, button):focus-visible {
      outline-color: Highlight;
    }
  }
`;
