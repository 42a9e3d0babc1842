/**
 * Roles and accessible names as the harness (./login-harness.ts) reads them, matched by Playwright's rules so that
 * a name means the same in a unit test and in an end-to-end test. A small subset of the accessible-name
 * computation: what the element renders (labels, aria-label(ledby), text), not the whole specification.
 */

/** A name to match: a string (case-insensitive substring, or whole and case-sensitive with `exact`) or a RegExp. */
export type Name = string | RegExp;

export interface NameMatch {
  exact?: boolean;
}

export function normalize(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Playwright's rules: substring and case-insensitive, or whole and case-sensitive with `exact`; a RegExp tests. */
export function matches(actual: string, name: Name, { exact = false }: NameMatch): boolean {
  if (name instanceof RegExp) return name.test(actual);
  const wanted = normalize(name);
  return exact ? actual === wanted : actual.toLowerCase().includes(wanted.toLowerCase());
}

/** Rendered, and not hidden from assistive technology. */
export function perceivable(node: HTMLElement): boolean {
  if (node.closest('[aria-hidden="true"]')) return false;
  return typeof node.checkVisibility === 'function' ? node.checkVisibility() : node.getClientRects().length > 0;
}

/** The text a screen reader would take from the subtree, without what is hidden from it. */
function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || node.getAttribute('aria-hidden') === 'true') return '';
  return [...node.childNodes].map(textOf).join('');
}

function labelledBy(node: HTMLElement): string | null {
  const ids = node.getAttribute('aria-labelledby');
  if (!ids) return null;
  const root = node.getRootNode() as Document | ShadowRoot;
  return normalize(
    ids
      .split(/\s+/)
      .map((id) => textOf(root.getElementById(id) ?? document.createTextNode('')))
      .join(' '),
  );
}

/** Accessible name of a button or link: aria-labelledby, aria-label, else its contents. */
export function ownName(node: HTMLElement): string {
  return labelledBy(node) ?? normalize(node.getAttribute('aria-label') ?? textOf(node));
}

/** Accessible name of a field: aria-labelledby, aria-label, its labels, else title or placeholder. */
export function fieldName(field: HTMLInputElement): string {
  const byLabels = [...(field.labels ?? [])].map(textOf).join(' ');
  return (
    labelledBy(field) ??
    normalize(field.getAttribute('aria-label') ?? (byLabels || field.title || field.placeholder || ''))
  );
}
