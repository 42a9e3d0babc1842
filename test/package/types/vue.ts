// Vue 3 with `mitid-login/vue`: what Vue's template type checking reads for <mitid-login> from GlobalComponents
// ($props for bindings, $emit for events), checked here with tsc directly.
import type {} from 'mitid-login/vue';
import { MitidErrorEvent, MitidSuccessEvent } from 'mitid-login';
import type { GlobalComponents } from 'vue';

type Element = InstanceType<GlobalComponents['mitid-login']>;
type Props = Element['$props'];

export const bindings: Props = {
  broker: 'https://broker.example',
  clientId: 'netbank',
  'client-id': 'netbank',
  nonce: 'n'.repeat(24),
  mode: 'approve',
  transactionText: 'Overførsel af 2.300 kr.',
  rememberUserId: true,
  class: 'login',
};

// @ts-expect-error mode is 'login' | 'approve'
export const wrongMode: Props = { mode: 'transfer' };
// @ts-expect-error rememberUserId is a boolean
export const wrongFlag: Props = { rememberUserId: 'yes' };

declare const element: Element;
const success = new MitidSuccessEvent({ assertion: 'a.b.c', method: 'app', mode: 'login' });
element.$emit('mitid-success', success);
element.$emit('mitid-error', new MitidErrorEvent({ code: 'network', message: 'Netværksfejl' }));
// @ts-expect-error mitid-success carries a MitidSuccessEvent
element.$emit('mitid-success', new MitidErrorEvent({ code: 'network', message: 'Netværksfejl' }));
// @ts-expect-error no such event
element.$emit('mitid-done', success);

// The element itself is still the element.
const clientId: string = element.clientId;
void clientId;
