/**
 * The element's `login-hint` (approve mode): the approval starts by itself for the user who logged in, without the
 * user-ID step, once per hint; after a cancel or "start over" the hinted step offers Continue instead of the field.
 * When the broker refuses the hint (tampered, expired, another client) the error step's way on is the user-ID step,
 * and the same transaction is approved with the typed user ID. The element never learns whom the hint names.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { LOGIN_HINT_ERRORS } from '../login-hint.js';
import type { FlowController } from './flow-controller.js';

export class LoginHintController implements ReactiveController {
  /** The hint the broker refused: not used again (a new value is). */
  private refused: string | null = null;
  /** The hint the approval was started with by itself (a hint starts by itself once). */
  private started: string | null = null;

  constructor(
    private readonly host: ReactiveControllerHost & { mode: string; loginHint: string },
    private readonly flow: FlowController,
    private readonly start: () => void,
  ) {
    host.addController(this);
  }

  /** The hint to start the approval with, when there is one to use. */
  get hint(): string | undefined {
    const { mode, loginHint } = this.host;
    return mode === 'approve' && loginHint && loginHint !== this.refused ? loginHint : undefined;
  }

  hostUpdated(): void {
    const hint = this.hint;
    const state = this.flow.state;
    if (!hint || this.started === hint || state.step !== 'user-id' || state.busy || state.notice) return;
    this.started = hint;
    this.start();
  }

  /**
   * The error step's buttons after a refused hint: back to the user-ID step without the hint. True when it was one
   * (the caller does its usual retry or reset otherwise).
   */
  leaveRefused(): boolean {
    const state = this.flow.state;
    if (state.step !== 'error' || !LOGIN_HINT_ERRORS.has(state.code)) return false;
    this.refused = this.host.loginHint;
    this.flow.runner?.reset();
    this.host.requestUpdate();
    return true;
  }
}
