/**
 * "Remember my user ID on this device", as the element offers it (`remember-user-id`): the stored user ID fills the
 * field when the element connects, the form's tick box stores or forgets it, and "forget" empties the field. With
 * the user ID, the last method that worked for it is remembered, so it starts at once next time (src/remember.ts).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Method } from '../../protocol/page-api.js';
import {
  forgetRemembered,
  readRemembered,
  readRememberedMethod,
  storeRemembered,
  storeRememberedMethod,
} from '../remember.js';
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

  /** The remembered method with the user ID it belongs to, for the flow (src/flow/states.ts `StartConfig`). */
  get method(): { userId: string; method: Method } | null {
    if (!this.host.rememberUserId) return null;
    const userId = readRemembered();
    const method = readRememberedMethod();
    return userId && method ? { userId, method } : null;
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

  /** A login or approval succeeded: remember its method, but only for the user ID the user chose to remember. */
  succeeded(userId: string, method: Method | null): void {
    if (!this.host.rememberUserId || !method || readRemembered() !== userId) return;
    storeRememberedMethod(method);
  }

  /** Forgets the stored user ID (and its method) and takes it out of the flow (the host empties the field itself). */
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
