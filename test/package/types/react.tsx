// React 19 JSX with `mitid-login/react`: properties, attributes and `on<event>` listeners, typed.
import type {} from 'mitid-login/react';
import type { MitidLogin, MitidSuccessEvent } from 'mitid-login';
import { useRef } from 'react';

export function Login({ nonce, onAssertion }: { nonce: string; onAssertion: (assertion: string) => void }) {
  const ref = useRef<MitidLogin>(null);
  return (
    <>
      <mitid-login
        ref={ref}
        broker="https://broker.example"
        clientId="netbank"
        nonce={nonce}
        lang="da"
        mode="approve"
        transactionText="Overførsel af 2.300 kr."
        rememberUserId
        theme="auto"
        onmitid-success={(event) => onAssertion(event.detail.assertion)}
        onmitid-error={(event) => console.info(event.detail.code, event.detail.message)}
        onmitid-cancel={(event) => event.preventDefault()}
        onmitid-state={(event) => console.info(event.detail.step)}
      />
      <mitid-login client-id="netbank" transaction-text="x" remember-user-id className="login" />
      {/* @ts-expect-error mode is 'login' | 'approve' */}
      <mitid-login mode="transfer" />
      {/* @ts-expect-error rememberUserId is a boolean */}
      <mitid-login rememberUserId="yes" />
      {/* @ts-expect-error no such property */}
      <mitid-login clientID="netbank" />
      <mitid-login
        // @ts-expect-error a success carries no error code
        onmitid-success={(event) => console.info(event.detail.code)}
      />
      {/* @ts-expect-error the listener gets a MitidErrorEvent, not a MitidSuccessEvent */}
      <mitid-login onmitid-error={(event: MitidSuccessEvent) => console.info(event.detail.assertion)} />
    </>
  );
}
