/** Styles of the element's shadow root. Fields live in the light DOM (see docs/autofill.md): ./styles/fields.ts. */
import { css } from 'lit';
import { darkTokens, lightTokens, shapeTokens } from './styles/tokens.js';

export const styles = css`
  :host {
    ${lightTokens}
    ${shapeTokens}
    display: block;
    max-width: var(--mitid-max-width);
    color: var(--mitid-color-text);
    font-family: var(--mitid-font-family);
    font-size: var(--mitid-font-size);
    line-height: var(--mitid-line-height);
  }
  :host([theme='dark']) {
    ${darkTokens}
    color-scheme: dark;
  }
  @media (prefers-color-scheme: dark) {
    :host([theme='auto']) {
      ${darkTokens}
      color-scheme: dark;
    }
  }
  :host([hidden]) {
    display: none;
  }
  * {
    box-sizing: border-box;
  }
  .card {
    background: var(--mitid-color-background);
    border: 1px solid var(--mitid-color-border);
    border-radius: var(--mitid-radius);
    padding: calc(var(--mitid-space) * 1.5);
    display: grid;
    gap: var(--mitid-space);
  }
  .brand {
    margin: 0;
    font-weight: 700;
    letter-spacing: 0.02em;
    color: var(--mitid-color-primary);
  }
  h2 {
    margin: 0;
    font-size: 1.375em;
    line-height: 1.25;
  }
  h2:focus {
    outline: none;
  }
  h2:focus-visible {
    outline: var(--mitid-focus-ring);
    outline-offset: 4px;
  }
  p {
    margin: 0;
  }
  .muted {
    color: var(--mitid-color-muted);
  }
  .notice {
    padding: calc(var(--mitid-space) * 0.75);
    border-radius: var(--mitid-radius);
    background: var(--mitid-color-surface);
    border-inline-start: 4px solid var(--mitid-color-primary);
  }
  .error-message {
    border-inline-start-color: var(--mitid-color-error);
  }
  .connection {
    border-inline-start-style: dashed;
  }
  .transaction {
    margin: 0;
    padding: var(--mitid-space);
    background: var(--mitid-color-surface);
    border: 1px solid var(--mitid-color-border);
    border-radius: var(--mitid-radius);
    display: grid;
    gap: calc(var(--mitid-space) * 0.5);
  }
  .transaction-label {
    font-weight: 700;
  }
  .transaction-text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    font-size: 1.125em;
  }
  /* A payment's amount and account number stay whole on one line, and the amount stands out. */
  .transaction-amount,
  .transaction-account {
    white-space: nowrap;
    font-weight: 700;
    font-variant-numeric: tabular-nums;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: calc(var(--mitid-space) * 0.5);
  }
  .methods {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: calc(var(--mitid-space) * 0.5);
  }
  button,
  .button {
    font: inherit;
    min-height: 2.75rem;
    min-width: 2.75rem;
    padding: 0.5rem 1rem;
    border-radius: var(--mitid-radius);
    border: 2px solid var(--mitid-color-primary);
    background: var(--mitid-color-background);
    color: var(--mitid-color-primary);
    cursor: pointer;
    text-decoration: none;
    display: inline-flex;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
  }
  button:hover,
  .button:hover {
    border-color: var(--mitid-color-primary-hover);
    color: var(--mitid-color-primary-hover);
  }
  .primary {
    background: var(--mitid-color-primary);
    color: var(--mitid-color-on-primary);
  }
  .primary:hover {
    background: var(--mitid-color-primary-hover);
    color: var(--mitid-color-on-primary);
  }
  .method {
    width: 100%;
    display: grid;
    /* One column as wide as the button: text that fits one line starts where wrapped text does. */
    grid-template-columns: minmax(0, 1fr);
    justify-content: stretch;
    justify-items: start;
    text-align: start;
    gap: 0.125rem;
  }
  .method span {
    color: var(--mitid-color-text);
    font-size: 0.9375em;
  }
  button:focus-visible,
  .button:focus-visible {
    outline: var(--mitid-focus-ring);
    outline-offset: 2px;
  }
  .qr {
    margin: 0;
    justify-self: center;
    width: min(14rem, 100%);
    aspect-ratio: 1;
    background: #ffffff;
    padding: 0.5rem;
    border-radius: var(--mitid-radius);
    display: grid;
    place-items: center;
  }
  .qr svg {
    width: 100%;
    height: 100%;
    display: block;
  }
  .qr-loading {
    color: #1b1f24;
    text-align: center;
  }
  .hint {
    font-weight: 600;
  }
  .spinner {
    inline-size: 1em;
    block-size: 1em;
    border: 2px solid currentColor;
    border-inline-end-color: transparent;
    border-radius: 50%;
    display: inline-block;
    animation: spin 0.9s linear infinite;
    vertical-align: -0.125em;
    margin-inline-end: 0.5em;
  }
  @keyframes spin {
    to {
      transform: rotate(360deg);
    }
  }
  .time-warning {
    color: var(--mitid-color-error);
    font-weight: 600;
  }
  .done {
    color: var(--mitid-color-success);
    font-weight: 600;
  }
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    margin: -1px;
    padding: 0;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
    border: 0;
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
      border-inline-end-color: currentColor;
      border-style: dotted;
    }
    * {
      transition: none !important;
    }
  }
  @media (forced-colors: active) {
    .card,
    .transaction,
    .notice {
      border: 1px solid CanvasText;
    }
    .primary {
      forced-color-adjust: none;
      background: ButtonText;
      color: ButtonFace;
      border-color: ButtonText;
    }
    button:focus-visible,
    .button:focus-visible,
    h2:focus-visible {
      outline-color: Highlight;
    }
    .qr {
      /* A QR code must stay dark on light to scan, whatever the system colours. */
      forced-color-adjust: none;
    }
  }
`;
