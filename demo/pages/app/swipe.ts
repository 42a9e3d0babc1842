/**
 * The swipe to approve: a thumb dragged along a track with a pointer (mouse, pen or touch: pointer events with
 * pointer capture, `touch-action: none` on the track), that decides once it reaches the end and springs back when
 * let go before. It is an ARIA slider (role="slider", 0–100, with a spoken value) because that is what it is to a
 * screen reader: a control with a position that says how far the swipe has come; Arrow keys move it a quarter,
 * Home takes it back, End (or Enter) completes it. Dragging is never the only way (WCAG 2.5.1 and 2.5.7): the page
 * has a plain »Godkend« button beside it, and »Afvis« is a button only.
 */

const STEP = 25;
/** How far (in %) a drag must come to count as a completed swipe when the pointer is let go. */
const DONE_AT = 90;

export interface Swipe {
  /** Back to the start, as when a request opens or a wrong PIN was typed. */
  reset(): void;
}

function valueText(value: number): string {
  if (value >= 100) return 'Swipet helt: godkender';
  if (value <= 0) return 'Ikke swipet';
  return `Swipet ${value} procent`;
}

/** Wires `thumb` (role="slider", inside `track`); `onComplete` runs once each time it reaches the end. */
export function wireSwipe(track: HTMLElement, thumb: HTMLElement, onComplete: () => void): Swipe {
  let value = 0;
  let dragFrom: { x: number; value: number } | null = null;

  function set(next: number): void {
    value = Math.max(0, Math.min(100, Math.round(next)));
    thumb.setAttribute('aria-valuenow', String(value));
    thumb.setAttribute('aria-valuetext', valueText(value));
    track.style.setProperty('--swipe', String(value / 100));
  }

  function complete(): void {
    set(100);
    onComplete();
  }

  function travel(): number {
    return Math.max(1, track.clientWidth - thumb.offsetWidth);
  }

  thumb.addEventListener('keydown', (event) => {
    const keys: Record<string, () => void> = {
      ArrowRight: () => (value + STEP >= 100 ? complete() : set(value + STEP)),
      ArrowUp: () => (value + STEP >= 100 ? complete() : set(value + STEP)),
      ArrowLeft: () => set(value - STEP),
      ArrowDown: () => set(value - STEP),
      Home: () => set(0),
      End: complete,
      Enter: complete,
    };
    const action = keys[event.key];
    if (!action) return;
    event.preventDefault();
    action();
  });

  thumb.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    thumb.setPointerCapture(event.pointerId);
    thumb.focus();
    dragFrom = { x: event.clientX, value };
    track.classList.add('dragging');
  });

  thumb.addEventListener('pointermove', (event) => {
    if (!dragFrom) return;
    set(dragFrom.value + ((event.clientX - dragFrom.x) / travel()) * 100);
  });

  function release(cancelled: boolean): void {
    if (!dragFrom) return;
    dragFrom = null;
    track.classList.remove('dragging');
    if (!cancelled && value >= DONE_AT) complete();
    else set(0);
  }

  thumb.addEventListener('pointerup', () => release(false));
  thumb.addEventListener('pointercancel', () => release(true));
  thumb.addEventListener('lostpointercapture', () => release(true));

  set(0);
  return { reset: () => set(0) };
}
