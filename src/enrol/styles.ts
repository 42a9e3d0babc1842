/**
 * `<mitid-enrol>`'s own styles, on top of `<mitid-login>`'s (the same card, buttons and tokens): the progress in the
 * heading, and, for its light-DOM form, the method choices and the row of buttons.
 */
import { css } from 'lit';

export const enrolStyles = css`
  .progress {
    display: block;
    font-size: 0.7em;
    font-weight: 600;
    color: var(--mitid-color-muted);
    margin-bottom: 0.25rem;
  }
  .points {
    margin: 0;
    padding-left: 1.25rem;
    display: grid;
    gap: 0.25rem;
  }
  .code {
    font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
    letter-spacing: 0.05em;
    white-space: nowrap;
  }
`;

export const enrolFieldStyles = css`
  :where(.mitid-login-form) :where(.mitid-choices) {
    border: 0;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.75rem;
  }
  :where(.mitid-login-form) :where(.mitid-choices legend) {
    font-weight: 600;
    padding: 0;
    margin-bottom: 0.5rem;
  }
  :where(.mitid-login-form) :where(.mitid-choices .mitid-check) {
    align-items: flex-start;
  }
  :where(.mitid-login-form) :where(.mitid-choices .mitid-check label) {
    font-weight: 600;
  }
  :where(.mitid-login-form) :where(.mitid-choices .mitid-help) {
    display: block;
    font-weight: 400;
  }
  :where(.mitid-login-form) :where(.mitid-buttons) {
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
`;
