// Types every consumer gets from `mitid-login` alone: the tag in HTMLElementTagNameMap and typed events.
import { MitidSuccessEvent, type MitidLogin } from 'mitid-login';

const element = document.querySelector('mitid-login');
if (element) {
  const typed: MitidLogin | null = element;
  element.clientId = 'netbank';
  element.mode = 'approve';
  // @ts-expect-error mode is 'login' | 'approve'
  element.mode = 'transfer';
  // @ts-expect-error rememberUserId is a boolean
  element.rememberUserId = 'yes';

  element.addEventListener('mitid-success', (event) => {
    const assertion: string = event.detail.assertion;
    // @ts-expect-error a success carries no error code
    void event.detail.code;
    void assertion;
  });
  element.addEventListener('mitid-error', (event) => {
    const code: string = event.detail.code;
    // @ts-expect-error an error carries no assertion
    void event.detail.assertion;
    void code;
  });
  element.addEventListener('mitid-cancel', (event) => event.preventDefault());
  void typed;
}

const created = document.createElement('mitid-login');
// @ts-expect-error detail is read-only
created.addEventListener('mitid-state', (event) => (event.detail.step = 'done'));

void new MitidSuccessEvent({ assertion: 'a.b.c', method: 'app', mode: 'login' });
// @ts-expect-error mode must be 'login' or 'approve'
void new MitidSuccessEvent({ assertion: 'a.b.c', method: 'app', mode: 'pay' });
