import {
  afterRenderEffect,
  Component,
  CUSTOM_ELEMENTS_SCHEMA,
  type ElementRef,
  signal,
  viewChild,
} from '@angular/core';
// Defines <mitid-login> once for the whole app, and brings in its types: the element class for the tag name and
// the `mitid-*` event classes in the DOM's event map.
import 'mitid-login';
import type { MitidCancelEvent, MitidErrorEvent, MitidStateEvent, MitidSuccessEvent } from 'mitid-login';
import {
  type ApprovalStart,
  BankError,
  CLIENT_ID,
  OFFLINE_CODE,
  OFFLINE_PASSWORD,
  appendLog,
  logLine,
  type Start,
} from '../../../shared/bank';
import { bank } from './bank';

type View = 'login' | 'home' | 'approve' | 'approved';
type MitidEvent = MitidSuccessEvent | MitidErrorEvent | MitidCancelEvent | MitidStateEvent;

@Component({
  selector: 'app-root',
  templateUrl: './app.html',
  // Lets the template use <mitid-login>, an element Angular does not know, and bind any property or event on it.
  // Without it the compiler rejects the tag ("is not a known element").
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
})
export class App {
  protected readonly bank = bank;
  protected readonly clientId = CLIENT_ID;
  protected readonly offlineCode = OFFLINE_CODE;
  protected readonly offlinePassword = OFFLINE_PASSWORD;

  protected readonly view = signal<View>('login');
  protected readonly user = signal('');
  /** The login's broker and nonce; a new object after every failed attempt, for the same element. */
  protected readonly login = signal<Start | null>(null);
  /** The approval's broker, nonce and the exact text the bank built. */
  protected readonly approval = signal<ApprovalStart | null>(null);
  protected readonly approvedText = signal('');
  /** A refusal from the bank's server, shown in the `role="alert"` paragraph. */
  protected readonly problem = signal('');
  protected readonly log = signal<string[]>([]);

  private readonly heading = viewChild<ElementRef<HTMLHeadingElement>>('heading');

  constructor() {
    // Every view change renders a new <h2>; once it is in the DOM, move focus to it so screen readers hear where
    // they are. Not on the first render: a page that just loaded keeps focus where the browser put it.
    let first = true;
    afterRenderEffect(() => {
      const heading = this.heading();
      if (first) {
        first = heading === undefined;
        return;
      }
      heading?.nativeElement.focus();
    });
    void this.freshLogin();
  }

  /*
   * The event handlers. With strictTemplates, Angular types `$event` of `(mitid-success)` on <mitid-login> from the
   * DOM's own typing: the element is `document.createElement('mitid-login')` (MitidLogin, from the package's
   * HTMLElementTagNameMap) and the event comes from `addEventListener('mitid-success', …)`, which the package maps
   * to MitidSuccessEvent (GlobalEventHandlersEventMap). So the handlers take the event classes directly, with no
   * cast; a handler typed with the wrong class is a template compile error. (Without those global declarations,
   * `$event` would be a plain `Event` and each handler would have to cast.)
   */

  protected record(event: MitidEvent): void {
    this.log.update((lines) => appendLog(lines, logLine(event)));
  }

  protected async loggedIn(event: MitidSuccessEvent): Promise<void> {
    this.record(event);
    const user = await this.ask(() => bank.finishLogin(event.detail.assertion));
    if (user) {
      this.user.set(user.name);
      this.view.set('home');
    } else {
      // The bank refused the assertion: start over with a new element and a new nonce.
      await this.freshLogin();
    }
  }

  protected async startTransfer(): Promise<void> {
    this.approval.set(null);
    this.view.set('approve');
    const start = await this.ask(() => bank.startApproval());
    if (start) this.approval.set(start);
    else this.view.set('home');
  }

  protected async approved(event: MitidSuccessEvent): Promise<void> {
    this.record(event);
    const result = await this.ask(() => bank.finishApproval(event.detail.assertion));
    if (result) {
      this.approvedText.set(result.text);
      this.view.set('approved');
    } else {
      this.view.set('home');
    }
  }

  /**
   * The element shows the error itself and offers "Start forfra"; the page asks the bank for a fresh nonce and
   * binds it to the same element (only the `[nonce]` binding changes, so Angular keeps the element).
   */
  protected async failed(event: MitidErrorEvent): Promise<void> {
    this.record(event);
    if (this.view() === 'login') {
      const start = await this.ask(() => bank.startLogin());
      if (start) this.login.set(start);
    } else if (this.view() === 'approve') {
      const start = await this.ask(() => bank.startApproval());
      if (start) this.approval.set(start);
    }
  }

  /** Cancelling the approval returns to the welcome page. */
  protected cancelled(event: MitidCancelEvent): void {
    this.record(event);
    if (this.view() === 'approve') this.view.set('home');
  }

  protected home(): void {
    this.view.set('home');
  }

  /** The bank's server forgets the user; then a new login. */
  protected async logOut(): Promise<void> {
    await this.ask(() => bank.logout());
    await this.freshLogin();
  }

  /** Arriving, and after logging off: a new login with a fresh nonce from the bank. */
  protected async freshLogin(): Promise<void> {
    this.login.set(null);
    this.user.set('');
    this.view.set('login');
    const start = await this.ask(() => bank.startLogin());
    if (start) this.login.set(start);
  }

  /** Runs a call to the bank; a refusal is shown in the alert, never swallowed. */
  private async ask<T>(call: () => Promise<T>): Promise<T | undefined> {
    this.problem.set('');
    try {
      return await call();
    } catch (error) {
      this.problem.set(error instanceof BankError ? error.message : 'Noget gik galt. Prøv igen.');
      return undefined;
    }
  }
}
