/**
 * What the element says to a screen reader: the texts of its polite and assertive live regions, which the host
 * renders, and the lost-connection notice (the browser offline, or the status stream reconnecting), announced once
 * when the connection is lost and once when it is back, while a session or the user-ID step waits for it; what is
 * said about the connection is also shown, until the step changes.
 *
 * Every message is heard once, the second identical one too: the host renders the two regions empty, and this
 * puts each message into its region as a node of its own after the render, so a repeat is a new node (a screen
 * reader announces an addition; a text node left as it was says nothing). Two messages said before the host renders again are joined, so the
 * second does not silently replace the first. A new step, and a new language, empty both regions: what they held
 * belonged to what the user has left.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowState, Step } from '../flow/machine.js';
import type { FirstStepTranslation, Translation } from '../i18n/index.js';
import { appHint, errorMessage, fieldAnnouncement } from '../steps/messages.js';
import { TIME_WARNING_MS } from '../steps/shared.js';

export interface AnnouncerContext {
  /** The step shown now: the connection matters to every step but the two ends. */
  step(): Step;
  /** What the user-ID step and the frame say, in the element's language. */
  t(): FirstStepTranslation;
  /** The whole catalogue, there once the later steps are (they bring its rest): whatever a session says. */
  whole(): Translation | undefined;
}

/** One live region's content: the text and the key its node is rendered under. */
export interface Said {
  readonly key: number;
  readonly text: string;
}

/** Steps at which a session (and its time limit) has ended. */
const SESSION_OVER: ReadonlySet<Step> = new Set(['user-id', 'done', 'error']);

let keys = 0;

/** One live region: what it says, put into the region as a node of its own after a render (see above). */
export class LiveRegion {
  said: Said = { key: 0, text: '' };
  private rendered = true;
  private shownKey = 0;

  constructor(private readonly selector: string) {}

  say(text: string): void {
    // Not yet rendered: the user has not heard the earlier text, so it stays in front of the new one.
    const joined = !this.rendered && this.said.text ? `${this.said.text} ${text}` : text;
    this.said = { key: ++keys, text: joined };
    this.rendered = false;
  }

  clear(): void {
    if (this.said.text) this.said = { key: ++keys, text: '' };
  }

  /** Puts the text into the region as a new node, if it is not there yet. */
  show(root: ParentNode): void {
    this.rendered = true;
    const region = root.querySelector(this.selector);
    if (!region || this.shownKey === this.said.key) return;
    this.shownKey = this.said.key;
    const node = document.createElement('span');
    node.textContent = this.said.text;
    region.replaceChildren(...(this.said.text ? [node] : []));
  }
}

export class AnnouncerController implements ReactiveController {
  private readonly politeRegion = new LiveRegion('[role="status"]');
  private readonly assertiveRegion = new LiveRegion('[role="alert"]');
  private lost = false;
  private restored = false;
  private extendedShown = false;
  private streamReconnecting = false;
  private browserOffline = false;
  private warnedOfTime = false;

  constructor(
    private readonly host: ReactiveControllerHost & { readonly renderRoot: ParentNode },
    private readonly context: AnnouncerContext,
  ) {
    host.addController(this);
  }

  hostUpdated(): void {
    this.politeRegion.show(this.host.renderRoot);
    this.assertiveRegion.show(this.host.renderRoot);
  }

  /** The connection is lost: the host shows the notice. */
  get connectionLost(): boolean {
    return this.lost;
  }

  /** More time was given, and the next warning is not due yet: the host shows that it was, as it was said. */
  get timeWasExtended(): boolean {
    return this.extendedShown;
  }

  /** The connection came back on this step (and "back" was said): the host shows that too, so it is on screen. */
  get connectionRestored(): boolean {
    return this.restored;
  }

  sayPolitely(text: string): void {
    this.politeRegion.say(text);
    this.host.requestUpdate();
  }

  sayAssertively(text: string): void {
    this.assertiveRegion.say(text);
    this.host.requestUpdate();
  }

  /**
   * Says what a change of the flow brings: a new step's result (done, an error, a cancel), a field's problem with
   * the tries left (also when it is the one shown already, if the user has just `answered`), the app's hint, the
   * chip's prompt. Resolves `'problem'` when a field's problem was said (the host moves focus to the field).
   */
  flowChanged(next: FlowState, previous: FlowState, answered: boolean, now: number): 'problem' | undefined {
    // The flow changes only by the runner, which comes with the later steps: the catalogue is whole by then.
    const t = this.context.whole();
    if (next.step !== previous.step) {
      this.stepChanged();
      if (!t) return undefined;
      if (next.step === 'done') this.sayPolitely(t.doneText[next.mode]);
      else if (next.step === 'error') this.sayAssertively(errorMessage(t, next, now));
      else if (next.step === 'user-id' && next.notice === 'cancelled') this.sayPolitely(t.cancelledNotice);
      else if (next.step === 'chip' && next.phase === 'waiting') this.sayPolitely(t.chipWaiting);
      return undefined;
    }
    if (!t) return undefined;
    if (next.step === 'app' && previous.step === 'app' && next.hint !== previous.hint)
      this.sayPolitely(appHint(t, next));
    // A new pairing code is said once (the first one is read with the step; QR frames themselves are never said).
    if (next.step === 'app' && previous.step === 'app' && previous.pairingCode && next.pairingCode) {
      if (next.pairingCode !== previous.pairingCode)
        this.sayPolitely(t.pairingCodeSpoken(spokenDigits(next.pairingCode)));
    }
    if (next.step === 'chip' && next.phase === 'waiting' && previous.step === 'chip' && previous.phase !== 'waiting') {
      this.sayPolitely(t.chipWaiting);
    }
    const problem = fieldAnnouncement(next, t);
    if (!problem || (!answered && problem === fieldAnnouncement(previous, t))) return undefined;
    this.sayAssertively(problem);
    return 'problem';
  }

  /** Says the app step's pairing code, digit by digit: every press again (the "Read the code aloud" button). */
  readPairingCode(state: FlowState): void {
    const t = this.context.whole();
    if (t && state.step === 'app' && state.pairingCode) {
      this.sayPolitely(t.pairingCodeSpoken(spokenDigits(state.pairingCode)));
    }
  }

  /** Empties both regions (the language changed: their text is in the old one). */
  clear(): void {
    this.politeRegion.clear();
    this.assertiveRegion.clear();
    this.host.requestUpdate();
  }

  /**
   * A new step: what the regions held is over, and so is what was said about its stream (a new stream, or none).
   * The connection notice follows quietly: the step changing is no news about the connection. The time warning
   * belongs to the session, so it is said again only in a new session (or after more time).
   */
  stepChanged(): void {
    this.clear();
    this.restored = false;
    this.extendedShown = false;
    this.streamReconnecting = false;
    this.updateConnection(false);
    if (SESSION_OVER.has(this.context.step())) this.warnedOfTime = false;
  }

  /** Says once, when the time left falls under the warning limit, that more time can (or cannot) be had. */
  timeLeft(leftMs: number | null, extensionsLeft: number): void {
    const t = this.context.whole();
    if (!t || leftMs === null || leftMs > TIME_WARNING_MS || this.warnedOfTime) return;
    this.warnedOfTime = true;
    this.extendedShown = false;
    this.sayAssertively(extensionsLeft > 0 ? t.timeWarning : t.noMoreTime);
  }

  /** The session got more time: says so, and warns again when that runs low. */
  timeExtended(): void {
    this.warnedOfTime = false;
    this.extendedShown = true;
    const t = this.context.whole();
    if (t) this.sayPolitely(t.extended);
  }

  /** The current session's status stream is reconnecting (`true`) or connected again (`false`). */
  streamChanged(reconnecting: boolean): void {
    this.streamReconnecting = reconnecting;
    this.updateConnection(true);
  }

  /** The browser went offline (`false`) or back online (`true`). */
  networkChanged(online: boolean): void {
    this.browserOffline = !online;
    this.updateConnection(true);
  }

  private updateConnection(announce: boolean) {
    const step = this.context.step();
    const lost = (this.browserOffline || this.streamReconnecting) && step !== 'done' && step !== 'error';
    if (lost === this.lost) return;
    this.lost = lost;
    this.restored = announce && !lost;
    this.host.requestUpdate();
    if (announce || lost)
      this.sayPolitely(lost ? this.context.t().connectionLost : this.context.t().connectionRestored);
  }
}

/** "1 2 3, 4 5 6": a screen reader reads digits spaced like this one by one, with a pause between the groups. */
export function spokenDigits(code: string): string {
  const digits = [...code];
  return `${digits.slice(0, 3).join(' ')}, ${digits.slice(3).join(' ')}`;
}
