/**
 * What a screen reader would hear from one `<mitid-login>`, as lines of a transcript: every focus move (the
 * focused control's role and accessible name) and every live-region change (each node added to the polite or the
 * assertive region: what a screen reader announces). A focus line is taken from the DOM when focus moves, and
 * each `checkpoint()` (after every action of a journey) holds the latest one against Chromium's accessibility tree (the role and name a screen
 * reader gets), so the transcript cannot say what the tree does not. An announcement whose text is nowhere on
 * screen is marked `(not on screen)`, and focus on `<body>` is a line of its own: a journey's transcript must have
 * neither.
 */
import { a11ySnapshot, executeServerCommand, findAccessibilityNode } from '@web/test-runner-commands';

interface AxNode {
  role: string;
  name: string;
  focused?: boolean;
  children: AxNode[];
}

const normalize = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();

/** Role and name as the accessibility tree gives them, for the kinds of control the element renders. */
function describe(node: Element): { role: string; name: string } {
  const explicit = node.getAttribute('role');
  const tag = node.tagName;
  const input = node instanceof HTMLInputElement ? node : null;
  const role =
    explicit ??
    (/^H[1-6]$/.test(tag)
      ? 'heading'
      : tag === 'BUTTON'
        ? 'button'
        : tag === 'A'
          ? 'link'
          : input?.type === 'checkbox'
            ? 'checkbox'
            : input
              ? 'textbox'
              : tag.toLowerCase());
  const label = input?.labels?.[0]?.textContent;
  // innerText: the parts of a button in blocks of their own are words apart, as the tree has them.
  const text = node instanceof HTMLElement ? node.innerText : node.textContent;
  const name = normalize(node.getAttribute('aria-label') ?? label ?? text);
  return { role, name };
}

/** The element's text a sighted user sees: every rendered text node outside the screen-reader-only regions. */
function visibleText(el: Element): string {
  const parts: string[] = [];
  const walk = (root: Node) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest('.sr-only') || parent.getClientRects().length === 0) continue;
      parts.push(node.textContent ?? '');
    }
  };
  walk(el.shadowRoot!);
  walk(el);
  return normalize(parts.join(' '));
}

/** Digits said one by one ("1 2 3, 4 5 6", so a screen reader reads each) are the code on screen ("123 456"). */
const digitsTogether = (text: string) => normalize(text).replace(/(\d)[\s,]+(?=\d)/g, '$1');

function onScreen(text: string, visible: string): boolean {
  // Two messages said at once are joined; each sentence must be on screen.
  const sentences = text.split(/(?<=[.!?])\s+/).filter(Boolean);
  return sentences.every(
    (sentence) => visible.includes(sentence) || digitsTogether(visible).includes(digitsTogether(sentence)),
  );
}

export class Transcript {
  readonly lines: string[] = [];
  private lastFocus: { role: string; name: string } | null = null;
  private readonly observers: MutationObserver[] = [];

  constructor(private readonly el: Element) {
    const root = el.shadowRoot!;
    for (const [kind, selector] of [
      ['polite', '[role="status"]'],
      ['assertive', '[role="alert"]'],
    ] as const) {
      const observer = new MutationObserver((records) => {
        for (const record of records) {
          for (const node of record.addedNodes) {
            const text = normalize(node.textContent);
            if (!text) continue;
            const mark = onScreen(text, visibleText(el)) ? '' : ' (not on screen)';
            this.lines.push(`${kind}: ${text}${mark}`);
          }
        }
      });
      observer.observe(root.querySelector(selector)!, { childList: true, subtree: true });
      this.observers.push(observer);
    }
    root.addEventListener('focusin', this.focused);
    el.addEventListener('focusin', this.focused);
  }

  private readonly focused = (event: Event) => {
    const target = event.composedPath()[0];
    if (!(target instanceof Element) || target === this.el) return;
    const seen = describe(target);
    if (seen.role === this.lastFocus?.role && seen.name === this.lastFocus.name) return;
    this.lastFocus = seen;
    this.lines.push(`focus: ${seen.role} "${seen.name}"`);
  };

  /** Holds the latest focus line against the accessibility tree: its focused node has that role and name. */
  async checkpoint(): Promise<void> {
    if (!this.lastFocus) return;
    // Focus that left the element for nothing (a removed control) is on <body>: that is a line of its own. Checked
    // here, between actions, not on focusout: within one Tab, focus passes through <body> for an instant.
    if (document.activeElement === document.body) {
      this.lastFocus = null;
      this.lines.push('focus: <body>');
      return;
    }
    const tree = (await a11ySnapshot({})) as unknown as AxNode;
    const focused = findAccessibilityNode<AxNode>(tree, (node) => node.focused === true);
    const expected = this.lastFocus;
    if (!focused)
      throw new Error(`the tree has no focused node; the transcript says ${expected.role} "${expected.name}"`);
    const tree_ = { role: focused.role, name: normalize(focused.name) };
    if (tree_.role !== expected.role || tree_.name !== expected.name) {
      throw new Error(
        `the tree says ${tree_.role} "${tree_.name}" is focused; the transcript says ${expected.role} "${expected.name}"`,
      );
    }
  }

  stop(): void {
    for (const observer of this.observers) observer.disconnect();
    this.el.shadowRoot!.removeEventListener('focusin', this.focused);
    this.el.removeEventListener('focusin', this.focused);
  }

  /** The committed transcript `name` (test/browser/transcripts/<name>.txt); UPDATE_TRANSCRIPTS=1 writes this one. */
  async committed(name: string): Promise<string[] | null> {
    const answer = (await executeServerCommand('transcript', { name, lines: this.lines })) as {
      expected: string[] | null;
    };
    return answer.expected;
  }
}
