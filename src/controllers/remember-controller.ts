/**
 * "Remember my user ID on this device", as the element offers it (`remember-user-id`): the stored user ID fills the
 * field when the element connects, the form's tick box stores or forgets it, and "forget" empties the field.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { forgetRemembered, readRemembered, storeRemembered } from '../remember.js';
import type { FlowController } from './flow-controller.js';

export class RememberController implements ReactiveController {
  private stored = false;

  constructor(
    private readonly host: ReactiveControllerHost & { rememberUserId: boolean },
    private readonly flow: FlowController,
  ) {
    host.addController(this);
  }

  /** A user ID is stored on this device (the user-ID step offers to forget it). */
  get remembered(): boolean {
    return this.stored;
  }

  hostConnected(): void {
    const state = this.flow.state;
    if (!this.host.rememberUserId || state.step !== 'user-id') return;
    const userId = readRemembered();
    this.setStored(userId !== null);
    if (userId && !state.userId) this.flow.prefill(userId);
  }

  /** The user-ID form was sent, with "remember" ticked or not. */
  submitted(userId: string, remember: boolean): void {
    if (!this.host.rememberUserId) return;
    if (remember) storeRemembered(userId.trim());
    else forgetRemembered();
    this.setStored(remember);
  }

  /** Forgets the stored user ID and takes it out of the flow (the host empties the field itself). */
  forget(): void {
    forgetRemembered();
    this.setStored(false);
    this.flow.prefill('');
  }

  private setStored(stored: boolean) {
    if (stored === this.stored) return;
    this.stored = stored;
    this.host.requestUpdate();
  }
}
