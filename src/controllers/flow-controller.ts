/**
 * Holds the flow for the element and ties it to the page. The runner and everything the later steps need come from
 * a lazily loaded module (../later-steps.ts): until it arrives, the state is the idle user-ID step, which needs none
 * of it. The controller reconnects the status stream the moment the page is visible again (back from the app on the
 * same phone) or back online, and aborts all work when the element leaves the page.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { FlowState, UserIdState } from '../flow/machine.js';
import type { FlowRunner, RunnerOptions } from '../flow/runner.js';
import type { Transport } from '../transport/transport.js';
import { completeLocale } from '../i18n/index.js';

import type * as LaterSteps from '../later-steps.js';

export type LaterStepsModule = typeof LaterSteps;

export interface FlowControllerOptions extends Omit<RunnerOptions, 'transport'> {
  /** The transport for the next session; the HTTP one comes with the later steps' module. */
  transport: (laterSteps: LaterStepsModule) => Transport;
  /** The browser went offline (`false`) or back online (`true`). */
  onNetwork?: (online: boolean) => void;
}

/** The flow as far as it got: the idle user-ID step alone, or the runner's state with the module of later steps. */
export type FlowProgress =
  { state: UserIdState; laterSteps: undefined } | { state: FlowState; laterSteps: LaterStepsModule };

export class FlowController implements ReactiveController {
  private loaded?: { module: LaterStepsModule; runner: FlowRunner };
  private loading?: Promise<FlowRunner>;
  private idle: UserIdState = {
    step: 'user-id',
    userId: '',
    problem: null,
    busy: false,
    notice: null,
  };

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: FlowControllerOptions,
  ) {
    host.addController(this);
  }

  get state(): FlowState {
    return this.loaded?.runner.state ?? this.idle;
  }

  get runner(): FlowRunner | undefined {
    return this.loaded?.runner;
  }

  get laterSteps(): LaterStepsModule | undefined {
    return this.loaded?.module;
  }

  get progress(): FlowProgress {
    return this.loaded
      ? { state: this.loaded.runner.state, laterSteps: this.loaded.module }
      : { state: this.idle, laterSteps: undefined };
  }

  /** Puts a user ID in the field without starting anything (remembered user ID, forget). */
  prefill(userId: string): void {
    if (this.loaded) this.loaded.runner.dispatch({ type: 'reset', userId });
    else this.idle = { ...this.idle, userId };
  }

  load(): Promise<FlowRunner> {
    this.loading ??= import('../later-steps.js').then((module) => {
      // The rest of the catalogues came too: from here on, every step the runner reaches can be said.
      for (const [code, later] of Object.entries(module.laterCatalogues)) completeLocale(code, later);
      const runner = new module.FlowRunner({ ...this.options, transport: () => this.options.transport(module) });
      runner.state = this.idle;
      this.loaded = { module, runner };
      return runner;
    });
    return this.loading;
  }

  hostConnected(): void {
    // Leaving the page reset the flow quietly; show that state when the element comes back.
    this.host.requestUpdate();
    document.addEventListener('visibilitychange', this.handleVisibilityChange);
    window.addEventListener('online', this.handleOnline);
    window.addEventListener('offline', this.handleOffline);
    window.addEventListener('pageshow', this.handleOnline);
    window.addEventListener('pagehide', this.handlePageHide);
    if (navigator.onLine === false) this.options.onNetwork?.(false);
    // Fetch the later steps' module once the field is on screen, so that Continue does not wait for it.
    setTimeout(() => void this.load().catch(() => undefined), 0);
  }

  hostDisconnected(): void {
    document.removeEventListener('visibilitychange', this.handleVisibilityChange);
    window.removeEventListener('online', this.handleOnline);
    window.removeEventListener('offline', this.handleOffline);
    window.removeEventListener('pageshow', this.handleOnline);
    window.removeEventListener('pagehide', this.handlePageHide);
    this.runner?.dispose();
  }

  /**
   * The user leaves the page (tab closed, reload, back button, another address): the session is cancelled at the
   * broker (a keep-alive request, which outlives the page) and the flow goes back to the user-ID step, so a page
   * restored from the back-forward cache shows a fresh start instead of a request that no longer exists.
   */
  private readonly handlePageHide = () => {
    this.runner?.dispose();
    this.host.requestUpdate();
  };

  private readonly handleVisibilityChange = () => {
    if (document.visibilityState === 'visible') this.runner?.resume();
  };

  private readonly handleOnline = (event: Event) => {
    if (event.type === 'online') this.options.onNetwork?.(true);
    this.runner?.resume();
    this.host.requestUpdate();
  };

  private readonly handleOffline = () => {
    this.options.onNetwork?.(false);
    this.host.requestUpdate();
  };
}
