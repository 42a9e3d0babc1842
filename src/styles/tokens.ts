/**
 * Design tokens: every colour, radius, font and spacing the element uses is a `--mitid-*` custom property with a
 * default here, so a page can theme it from outside. The defaults follow MitID's calm blue on white.
 */
import { css } from 'lit';

export const lightTokens = css`
  --mitid-color-primary: #0052cc;
  --mitid-color-primary-hover: #003d99;
  --mitid-color-on-primary: #ffffff;
  --mitid-color-text: #1b1f24;
  --mitid-color-muted: #4b5563;
  --mitid-color-background: #ffffff;
  --mitid-color-surface: #f1f5fb;
  --mitid-color-border: #6b7280;
  --mitid-color-error: #b42318;
  --mitid-color-success: #15703b;
  --mitid-color-focus: #0052cc;
`;

export const darkTokens = css`
  --mitid-color-primary: #8ab4ff;
  --mitid-color-primary-hover: #b3ceff;
  --mitid-color-on-primary: #0b1a33;
  --mitid-color-text: #e8edf4;
  --mitid-color-muted: #b8c2d0;
  --mitid-color-background: #121821;
  --mitid-color-surface: #1d2633;
  --mitid-color-border: #9aa6b8;
  --mitid-color-error: #ffb4ab;
  --mitid-color-success: #7ddc9f;
  --mitid-color-focus: #8ab4ff;
`;

export const shapeTokens = css`
  --mitid-radius: 0.375rem;
  --mitid-font-family: system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif;
  --mitid-font-size: 1rem;
  --mitid-line-height: 1.5;
  --mitid-space: 1rem;
  --mitid-max-width: 30rem;
  --mitid-focus-ring: 3px solid var(--mitid-color-focus);
`;
