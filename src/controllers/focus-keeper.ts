/**
 * Where focus goes after a render: the new step's heading, the field with a problem, or — when the render removed
 * the control that had focus (a button that no longer applies, such as "Choose another method" once the QR code is
 * scanned) — the step's heading, so that focus never falls to `<body>` (WCAG 2.4.3). The host calls `before()` as
 * its update begins and `after()` once its light-DOM form is rendered too: a controller's own hooks run before that.
 */
export type FocusTarget = 'heading' | 'field';

export class FocusKeeper {
  private target: FocusTarget | null = null;
  private hadFocus = false;

  constructor(
    private readonly host: HTMLElement,
    private readonly heading: () => HTMLElement | null | undefined,
    private readonly invalidField: () => void,
  ) {}

  /** After the coming render, focus goes to `target`. */
  request(target: FocusTarget): void {
    this.target = target;
  }

  before(): void {
    this.hadFocus = this.holdsFocus();
  }

  /**
   * Does focus rest inside the host (its shadow root or its light DOM)? Read from the active elements, not from
   * `:focus-within`, which Chromium matches only while the frame has focus (not with another window or tab in front),
   * although focus is still there when the user comes back.
   */
  private holdsFocus(): boolean {
    const active = document.activeElement;
    return (
      !!this.host.shadowRoot?.activeElement || (!!active && active !== document.body && this.host.contains(active))
    );
  }

  after(): void {
    const target = this.target;
    this.target = null;
    if (target === 'heading') {
      const heading = this.heading();
      // Lit may keep the focused heading element and give it the next step's text: focusing it again would move
      // nothing, and a screen reader would not say the new heading. Leaving it first makes the move a real one.
      if (heading && (heading.getRootNode() as Document | ShadowRoot).activeElement === heading) heading.blur();
      heading?.focus();
    } else if (target === 'field') this.invalidField();
    else if (this.hadFocus && !this.holdsFocus()) {
      const active = document.activeElement;
      if (!active || active === document.body) this.heading()?.focus();
    }
  }
}
