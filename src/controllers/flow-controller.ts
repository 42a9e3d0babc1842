/**
 * Holds the flow runner for the element and ties it to the page: reconnects the status stream the moment the page
 * is visible again (back from the app on the same phone) or back online, and aborts all work when the element
 * leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { FlowRunner, type RunnerOptions } from '../flow/runner.js';

export class FlowController implements ReactiveController {
  readonly runner: FlowRunner;

  constructor(
    private readonly host: ReactiveControllerHost,
    options: RunnerOptions,
  ) {
    this.runner = new FlowRunner(options);
    host.addController(this);
  }

  hostConnected(): void {
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('pageshow', this.handleOnline);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('pageshow', this.handleOnline);
    this.runner.dispose();
  }

  private readonly handleVisibilityChange = () => {
    if (document.visibilityState === 'visible') this.runner.resume();
  };

  private readonly handleOnline = () => {
    this.runner.resume();
    this.host.requestUpdate();
  };
}
