/**
 * Escape cancels, on the steps that have a Cancel button, unless something inside the element (or the page) has
 * already handled the key. The host decides what cancelling means (it asks the page first with `mitid-cancel`).
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Step } from '../flow/machine.js';

/** Steps where Escape (and the cancel button) cancel the session. */
const CANCELLABLE: ReadonlySet<Step> = new Set(['approve', 'method', 'app', 'code', 'password', 'chip']);

export class CancelKeyController implements ReactiveController {
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement & { readonly step: Step },
    private readonly onCancel: () => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    this.host.addEventListener('keydown', this.handleKeydown);
  }

  hostDisconnected(): void {
    this.host.removeEventListener('keydown', this.handleKeydown);
  }

  private readonly handleKeydown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || event.defaultPrevented || !CANCELLABLE.has(this.host.step)) return;
    event.preventDefault();
    this.onCancel();
  };
}
