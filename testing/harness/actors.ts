/** The harness's actors (./login-harness.ts): whoever performs the actions it decides on. */

/** Who performs an action: synthetic DOM events in the page, or a driver outside it with trusted input. */
export interface Actor {
  fill(field: HTMLInputElement, value: string): Promise<void>;
  click(target: HTMLElement): Promise<void>;
  /** Enter in a field, which submits its form. */
  enter(field: HTMLInputElement): Promise<void>;
}

/**
 * Sets values and submits as a script can: what unit tests and play functions need, with no driver around. It
 * moves no focus, so a test still sees where the element itself puts it (on an invalid field, a new heading).
 */
export const syntheticActor: Actor = {
  async fill(field, value) {
    field.value = value;
    field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    field.dispatchEvent(new Event('change', { bubbles: true }));
  },
  async click(target) {
    target.click();
  },
  async enter(field) {
    field.form?.requestSubmit();
  },
};

/**
 * Hands every action to a driver through a page binding named `binding` (Playwright's `exposeBinding`), which
 * receives `{ action, target, value }`; `target` is a key of {@link actionTarget}, since only JSON crosses it.
 */
export function remoteActor(binding: string): Actor {
  const send = (action: 'fill' | 'click' | 'enter', element: HTMLElement, value?: string) => {
    const call = (globalThis as unknown as Record<string, unknown>)[binding];
    if (typeof call !== 'function') throw new Error(`no page binding ${binding}`);
    const target = nextTarget++;
    targets.set(target, element);
    return Promise.resolve(call({ action, target, value }) as Promise<void>).finally(() => targets.delete(target));
  };
  return {
    fill: (field, value) => send('fill', field, value),
    click: (target) => send('click', target),
    enter: (field) => send('enter', field),
  };
}

const targets = new Map<number, HTMLElement>();
let nextTarget = 1;

/** The element a pending {@link remoteActor} action is about, for the driver to get a handle on. */
export function actionTarget(target: number): HTMLElement {
  const element = targets.get(target);
  if (!element) throw new Error(`no pending action target ${target}`);
  return element;
}
