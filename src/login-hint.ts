/**
 * The broker's refusals of a login hint (`login-hint`, docs/protocol.md): the error step's way on is the user-ID
 * step, with the same transaction. Its own module: the element's first load needs it, and nothing else of the flow.
 */
export const LOGIN_HINT_ERRORS: ReadonlySet<string> = new Set([
  'invalid_login_hint',
  'login_hint_expired',
  'login_hint_client',
]);
