/**
 * Small DOM helpers for the demo pages. Text from outside (identities, transaction texts, server messages) only
 * ever goes in through `textContent`, never as HTML, so the pages need no Trusted Types policy at all.
 */

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`#${id} is missing from the page`);
  return element as T;
}

type Child = Node | string | null | undefined | false;

/** `el('p', { class: 'hint' }, 'text', child)`: attributes as strings, children as nodes or plain text. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** Replaces an element's children. */
export function fill(parent: Element, ...children: Child[]): void {
  parent.replaceChildren(
    ...children.filter((child): child is Node | string => child !== null && child !== undefined && child !== false),
  );
}

/** Moves focus to a heading (or any element) after a view change, so screen reader users hear where they are. */
export function focusHeading(element: HTMLElement): void {
  if (!element.hasAttribute('tabindex')) element.setAttribute('tabindex', '-1');
  element.focus();
}

/** Writes a message into a live region. */
export function announce(region: HTMLElement, message: string, kind: 'ok' | 'error' | 'info' = 'info'): void {
  region.className = kind === 'info' ? 'hint' : kind;
  region.textContent = message;
}

/** A run of digits (with any marks on them), captured so that `split` keeps it; as in the element's approval step. */
const DIGIT_RUN = /(\p{Nd}[\p{Nd}\p{M}]*)/u;

/**
 * Fills `parent` with `text` as text, every run of digits and every piece between two runs in its own `<bdi>` (a bidi
 * isolate) in a left-to-right line: amounts and account numbers then stand in the order written, whatever
 * right-to-left letters surround them. New lines stay between the isolates (kept by the page's CSS).
 */
export function fillIsolated<T extends HTMLElement>(parent: T, text: string): T {
  parent.dir = 'ltr';
  fill(
    parent,
    ...text
      .split('\n')
      .flatMap((line, index) => [
        index ? '\n' : null,
        ...line.split(DIGIT_RUN).map((part) => (part ? el('bdi', {}, part) : null)),
      ]),
  );
  return parent;
}
