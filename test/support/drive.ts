/**
 * Drives `<mitid-login>` (scripted transport, fake clock) to any step or state the accessibility tests check,
 * through the in-page harness (./login-harness.ts) in the element's language, and runs axe with the WCAG 2.x A/AA
 * rules (2.2 included) plus best practice.
 */
import type { Method } from '../../protocol/page-api.js';
import { contrast } from './contrast.js';
import { advance, mount, type MountOptions } from './element.js';

export { contrast };

export type Target =
  | 'user-id'
  | 'user-id-problem'
  | 'user-id-cancelled'
  | 'approve'
  | 'method'
  | 'app-cross'
  | 'app-scanned'
  | 'app-same'
  | 'time-warning'
  | 'connection-lost'
  | 'cancel-question'
  | 'code'
  | 'code-wrong'
  | 'password'
  | 'password-wrong'
  | 'chip'
  | 'chip-cancelled'
  | 'done'
  | 'error';

export const TARGETS: Target[] = [
  'user-id',
  'user-id-problem',
  'user-id-cancelled',
  'approve',
  'method',
  'app-cross',
  'app-scanned',
  'app-same',
  'time-warning',
  'connection-lost',
  'cancel-question',
  'code',
  'code-wrong',
  'password',
  'password-wrong',
  'chip',
  'chip-cancelled',
  'done',
  'error',
];

/** The step each target ends on. */
export const STEP_OF: Record<Target, string> = {
  'user-id': 'user-id',
  'user-id-problem': 'user-id',
  'user-id-cancelled': 'user-id',
  approve: 'approve',
  method: 'method',
  'app-cross': 'app',
  'app-scanned': 'app',
  'app-same': 'app',
  'time-warning': 'app',
  'connection-lost': 'app',
  'cancel-question': 'app',
  code: 'code',
  'code-wrong': 'code',
  password: 'password',
  'password-wrong': 'password',
  chip: 'chip',
  'chip-cancelled': 'chip',
  done: 'done',
  error: 'error',
};

export async function waitFor(check: () => boolean, tries = 100) {
  for (let i = 0; i < tries && !check(); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
}

/**
 * Chooses `method` from the list, which shows first after the user ID when no method is remembered; from any other
 * step through "another method" first.
 */
export async function chooseMethod({ el, clock, user }: Mounted, method: Method) {
  if (el.step !== 'method') {
    user.button(user.words.otherMethod).click();
    await el.updateComplete;
  }
  user.button(new RegExp(`^${user.words.methods[method]}`)).click();
  await advance(el, clock, 0);
}

type Mounted = Awaited<ReturnType<typeof mount>>;

export async function driveTo(target: Target, lang = 'da', extra: Partial<MountOptions> = {}) {
  const approve = target === 'approve';
  const scanned = target === 'app-scanned';
  const mounted = await mount({
    lang,
    mode: approve ? 'approve' : 'login',
    text: approve ? 'Overførsel af 2.300 kr.\ntil konto 9978 000123456' : '',
    device: target === 'app-same' ? 'same' : 'cross',
    remember: target === 'user-id',
    script: {
      app:
        target === 'done'
          ? [{ after: 10, complete: true }]
          : target === 'error'
            ? [{ after: 10, fail: 'rejected' }]
            : scanned
              ? [{ after: 10, hint: 'qr-scanned' }]
              : [],
      ...(target === 'time-warning' ? { sessionMs: 70_000 } : {}),
    },
    ...extra,
  });
  const { el, clock, transport, user } = mounted;
  if (target === 'user-id') return mounted;
  if (target === 'user-id-problem') {
    await user.submitUserId('010190-1234');
    return mounted;
  }
  await user.submitUserId('anna');
  await advance(el, clock, 0);
  if (target === 'approve') return mounted;
  // No method remembered: the list shows first; the app's targets (and the app's done or error) choose the app.
  if (STEP_OF[target] === 'app' || target === 'done' || target === 'error') await chooseMethod(mounted, 'app');
  if (target === 'user-id-cancelled') {
    user.button(user.words.cancel).click();
    await advance(el, clock, 0);
    return mounted;
  }
  if (target === 'cancel-question') {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true, cancelable: true }));
    await el.updateComplete;
    return mounted;
  }
  if (target === 'app-cross' || target === 'app-same' || target === 'connection-lost') {
    await waitFor(() => target !== 'app-cross' || el.shadowRoot!.querySelector('.qr svg') !== null);
    if (target === 'connection-lost') {
      transport.dropNetwork();
      await el.updateComplete;
    }
    return mounted;
  }
  if (target === 'app-scanned' || target === 'done' || target === 'error') {
    await advance(el, clock, 20);
    return mounted;
  }
  if (target === 'time-warning') {
    for (let i = 0; i < 11; i += 1) await clock.tick(1000);
    await el.updateComplete;
    return mounted;
  }
  if (target === 'method') return mounted;
  if (target === 'code' || target === 'code-wrong') {
    await chooseMethod(mounted, 'code-display');
    if (target === 'code-wrong') await user.submitCode('000000');
    return mounted;
  }
  if (target === 'password-wrong') {
    await chooseMethod(mounted, 'code-display');
    await user.submitCode('123456');
    await advance(el, clock, 0);
    await user.submitPassword('forkert');
    await advance(el, clock, 0);
    return mounted;
  }
  // The chip: the key first; 'password' is the password that follows the key.
  el.webauthnLoader = async () => ({
    supported: () => true,
    authenticate:
      target === 'password'
        ? async () => ({ id: 'cred', type: 'public-key', response: {} })
        : () => Promise.reject(new DOMException('The user cancelled', 'NotAllowedError')),
  });
  await chooseMethod(mounted, 'chip');
  if (target === 'chip-cancelled' || target === 'password') {
    user.button(user.words.useChip).click();
    await advance(el, clock, 0);
    await advance(el, clock, 0);
  }
  return mounted;
}

interface AxeResults {
  violations: { id: string; help: string; nodes: { target: unknown[] }[] }[];
}

/** axe over `element` with the WCAG 2.0/2.1/2.2 A and AA rules and best practice (axe-core loaded on first use). */
async function runAxe(element: Element, rules?: Record<string, { enabled: boolean }>): Promise<AxeResults> {
  const global = window as unknown as { axe?: { run(context: Element, options: object): Promise<AxeResults> } };
  if (!global.axe) await import('axe-core/axe.min.js' as string);
  return global.axe!.run(element, {
    runOnly: {
      type: 'tag',
      values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa', 'best-practice'],
    },
    ...(rules ? { rules } : {}),
  });
}

/** axe with the WCAG 2.0/2.1/2.2 A and AA rules and best practice, one readable line per violation. */
export async function axeViolations(element: Element): Promise<string[]> {
  const result = await runAxe(element);
  return result.violations.map(
    (violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
}

/**
 * Text in the element whose painted colour (computed, so after forced colours) has less than 4.5:1 against the
 * nearest opaque background. Used in forced colours, where axe mixes authored text colours with forced backgrounds.
 */
export function paintedContrastProblems(el: Element): string[] {
  const opaque = (color: string) => Number((color.match(/[\d.]+/g) ?? [])[3] ?? 1) > 0.5;
  // Up the flattened tree: a slotted node sits on its slot's background, a shadow root's top on its host's.
  const up = (at: Element): Element | null =>
    at.assignedSlot ?? at.parentElement ?? ((at.getRootNode() as ShadowRoot).host || null);
  const background = (node: Element): string => {
    for (let at: Element | null = node; at; at = up(at)) {
      const color = getComputedStyle(at).backgroundColor;
      if (opaque(color)) return color;
    }
    return 'rgb(255, 255, 255)';
  };
  const problems: string[] = [];
  for (const node of [...el.shadowRoot!.querySelectorAll('*'), ...el.querySelectorAll('*')]) {
    const text = [...node.childNodes].some((child) => child.nodeType === Node.TEXT_NODE && child.textContent!.trim());
    if (!text || node.getClientRects().length === 0 || node.closest('.sr-only')) continue;
    const fg = getComputedStyle(node).color;
    const bg = background(node);
    const ratio = contrast(fg, bg);
    if (ratio < 4.5)
      problems.push(`${node.tagName.toLowerCase()}.${node.className}: ${fg} on ${bg} = ${ratio.toFixed(2)}`);
  }
  return problems;
}

/** axe as {@link axeViolations}, without colour contrast (for forced colours; see paintedContrastProblems). */
export async function axeViolationsExceptContrast(element: Element): Promise<string[]> {
  const result = await runAxe(element, { 'color-contrast': { enabled: false } });
  return result.violations.map((violation) => `${violation.id}: ${violation.help}`);
}
