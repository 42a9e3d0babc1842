import { LitElement, css, html } from 'lit';
import { property, state } from 'lit/decorators.js';
import { userIdProblem, type UserIdProblem } from './protocol/rules.js';

const problemText: Record<UserIdProblem, string> = {
  empty: 'Indtast dit bruger-ID.',
  'too-long': 'Bruger-ID er for langt.',
  cpr: 'Dit bruger-ID må aldrig være dit CPR-nummer.',
  'invalid-characters': 'Bruger-ID må kun indeholde bogstaver, tal og . _ @ + -',
};

/**
 * MitID login and approval.
 *
 * @summary Log in or approve with MitID.
 * @tag mitid-login
 */
export class MitidLogin extends LitElement {
  static override styles = css`
    :host {
      display: block;
    }
  `;

  /** Base URL of the broker. */
  @property() broker = '';

  /** @internal */
  @state() private problem: UserIdProblem | null = null;

  override render() {
    return html`
      <form novalidate @submit=${this.handleSubmit}>
        <h2 tabindex="-1">Log på med MitID</h2>
        <label for="user-id">Bruger-ID</label>
        <input
          id="user-id"
          name="username"
          autocomplete="username"
          aria-invalid=${this.problem ? 'true' : 'false'}
          aria-describedby="user-id-error"
        />
        <p id="user-id-error" role="alert">${this.problem ? problemText[this.problem] : ''}</p>
        <button type="submit">Fortsæt</button>
      </form>
    `;
  }

  private handleSubmit(event: SubmitEvent) {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input');
    this.problem = userIdProblem(input?.value ?? '');
  }
}
