/**
 * What the element says to a screen reader: the texts of its polite and assertive live regions, which the host
 * renders, and the lost-connection notice (the browser offline, or the status stream reconnecting), announced once
 * when the connection is lost and once when it is back, while a session or the user-ID step waits for it. The host
 * decides when to say what; this keeps the texts, so that a render shows the latest of each. It needs no lifecycle
 * hook, so it is not added to the host's controllers: it only asks the host to render again.
 */
import type { ReactiveControllerHost } from 'lit';
import type { Step } from '../flow/machine.js';
import type { Translation } from '../i18n/index.js';
import { TIME_WARNING_MS } from '../steps/shared.js';

export interface AnnouncerContext {
  /** The step shown now: the connection matters to every step but the two ends. */
  step(): Step;
  /** The catalogue to speak in. */
  t(): Translation;
}

export class AnnouncerController {
  private politeText = '';
  private assertiveText = '';
  private lost = false;
  private streamReconnecting = false;
  private browserOffline = false;
  private warnedOfTime = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly context: AnnouncerContext,
  ) {}

  /** The polite live region's text (`role="status"`). */
  get polite(): string {
    return this.politeText;
  }

  /** The assertive live region's text (`role="alert"`). */
  get assertive(): string {
    return this.assertiveText;
  }

  /** The connection is lost: the host shows the notice. */
  get connectionLost(): boolean {
    return this.lost;
  }

  sayPolitely(text: string): void {
    if (text === this.politeText) return;
    this.politeText = text;
    this.host.requestUpdate();
  }

  sayAssertively(text: string): void {
    if (text === this.assertiveText) return;
    this.assertiveText = text;
    this.host.requestUpdate();
  }

  /** A new step has a new stream (or none) and a new time limit: what was said about either is over. */
  stepChanged(): void {
    this.streamReconnecting = false;
    this.updateConnection();
    this.warnedOfTime = false;
  }

  /** Says once, when the time left falls under the warning limit, that more time can (or cannot) be had. */
  timeLeft(leftMs: number | null, extensionsLeft: number): void {
    if (leftMs === null || leftMs > TIME_WARNING_MS || this.warnedOfTime) return;
    this.warnedOfTime = true;
    const t = this.context.t();
    this.sayAssertively(extensionsLeft > 0 ? t.timeWarning : t.noMoreTime);
  }

  /** The session got more time: says so, and warns again when that runs low. */
  timeExtended(): void {
    this.warnedOfTime = false;
    this.sayPolitely(this.context.t().extended);
  }

  /** The current session's status stream is reconnecting (`true`) or connected again (`false`). */
  streamChanged(reconnecting: boolean): void {
    this.streamReconnecting = reconnecting;
    this.updateConnection();
  }

  /** The browser went offline (`false`) or back online (`true`). */
  networkChanged(online: boolean): void {
    this.browserOffline = !online;
    this.updateConnection();
  }

  private updateConnection() {
    const step = this.context.step();
    const lost = (this.browserOffline || this.streamReconnecting) && step !== 'done' && step !== 'error';
    if (lost === this.lost) return;
    this.lost = lost;
    this.host.requestUpdate();
    this.sayPolitely(lost ? this.context.t().connectionLost : this.context.t().connectionRestored);
  }
}
