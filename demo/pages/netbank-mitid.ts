/**
 * "Få MitID i netbanken": the bank's page for a new customer. Step 1 is the bank's back end (it creates the
 * enrolment at the broker and hands this page an opaque token); `<mitid-enrol>` then takes the customer through
 * steps 2 to 7, and its result goes back to the bank, which verifies it before it says welcome.
 */
import type { EnrolMethod } from '../../protocol/enrol-api.js';
import type { MitidEnrolledEvent, MitidEnrolErrorEvent } from '../../src/enrol/events.js';
import { ApiError, postJson } from './shared/api.js';
import { byId, focusHeading } from './shared/dom.js';

interface Created {
  enrolment_token: string;
  expires_at: string;
  customer_ref: string;
  broker: string;
}

const METHOD_NAMES: Record<EnrolMethod, string> = {
  app: 'MitID-appen',
  'code-display': 'kodeviser',
  'code-reader': 'kodeoplæser',
  chip: 'MitID chip',
};

const form = byId<HTMLFormElement>('identify-form');
const error = byId('identify-error');

function show(view: 'identify' | 'enrol' | 'done'): void {
  for (const name of ['identify', 'enrol', 'done']) byId(`${name}-view`).hidden = name !== view;
}

async function start(event: SubmitEvent): Promise<void> {
  event.preventDefault();
  error.textContent = '';
  const data = new FormData(form);
  try {
    const created = await postJson<Created>('/netbank/api/enrolments', {
      name: String(data.get('name') ?? ''),
      email: String(data.get('email') ?? ''),
    });
    byId('customer-ref').textContent = created.customer_ref;
    const element = document.createElement('mitid-enrol');
    element.setAttribute('broker', created.broker);
    element.setAttribute('lang', 'da');
    element.token = created.enrolment_token;
    element.addEventListener('mitid-enrolled', (done) => void finish(done));
    element.addEventListener('mitid-enrol-error', (failed: MitidEnrolErrorEvent) => {
      byId('page-heading').textContent = 'Tilmeldingen stoppede';
      error.textContent = failed.detail.message;
    });
    byId('enrol-slot').replaceChildren(element);
    show('enrol');
  } catch (failure) {
    error.textContent = failure instanceof ApiError ? failure.message : 'Banken svarer ikke. Prøv igen.';
  }
}

async function finish(event: MitidEnrolledEvent): Promise<void> {
  try {
    const { enrolled } = await postJson<{ enrolled: { name: string; methods: string[] } }>(
      '/netbank/api/enrolments/result',
      { result: event.detail.result },
    );
    byId('done-text').textContent =
      `${enrolled.name}, du har nu MitID med ${enrolled.methods.map((method) => METHOD_NAMES[method as EnrolMethod] ?? method).join(', ')}. ` +
      `Dit bruger-ID er ${event.detail.userId}.`;
    show('done');
    focusHeading(byId('done-heading'));
  } catch (failure) {
    byId('done-text').textContent =
      failure instanceof ApiError ? failure.message : 'Banken kunne ikke modtage resultatet. Prøv igen.';
    show('done');
  }
}

form.addEventListener('submit', (event) => void start(event));
