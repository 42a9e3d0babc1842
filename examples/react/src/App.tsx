import { useCallback, useEffect, useRef, useState } from 'react';
import type { MitidCancelEvent, MitidErrorEvent, MitidStateEvent, MitidSuccessEvent } from 'mitid-login';
import {
  BankError,
  CLIENT_ID,
  OFFLINE_CODE,
  OFFLINE_PASSWORD,
  appendLog,
  logLine,
  type Start,
} from '../../shared/bank';
import { bank } from './bank';

type View =
  | { name: 'login'; start: Start | null }
  | { name: 'home'; user: string }
  | { name: 'approve'; user: string; start: (Start & { text: string }) | null }
  | { name: 'approved'; user: string; text: string };

const HEADINGS = {
  login: () => 'Log på',
  home: (view: { user: string }) => `Velkommen, ${view.user}`,
  approve: () => 'Godkend overførslen',
  approved: () => 'Overførslen er godkendt',
};

export function App() {
  const [view, setView] = useState<View>({ name: 'login', start: null });
  const [problem, setProblem] = useState('');
  const [log, setLog] = useState<string[]>([]);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstView = useRef(true);

  const record = useCallback(
    (event: MitidSuccessEvent | MitidErrorEvent | MitidCancelEvent | MitidStateEvent) =>
      setLog((lines) => appendLog(lines, logLine(event))),
    [],
  );

  /** Every view change moves focus to the new view's heading, so screen readers hear where they are. */
  useEffect(() => {
    if (firstView.current) {
      firstView.current = false;
      return;
    }
    heading.current?.focus();
  }, [view.name]);

  /** Runs a call to the bank; a refusal is shown in the alert, never swallowed. */
  const ask = useCallback(async <T,>(call: () => Promise<T>): Promise<T | undefined> => {
    setProblem('');
    try {
      return await call();
    } catch (error) {
      setProblem(error instanceof BankError ? error.message : 'Noget gik galt. Prøv igen.');
      return undefined;
    }
  }, []);

  /** A fresh nonce from the bank for every login: on arrival, and after every failed attempt. */
  const freshLogin = useCallback(async () => {
    const start = await ask(() => bank.startLogin());
    if (start) setView({ name: 'login', start });
  }, [ask]);

  useEffect(() => {
    void freshLogin();
  }, [freshLogin]);

  async function loggedIn(event: MitidSuccessEvent) {
    record(event);
    const user = await ask(() => bank.finishLogin(event.detail.assertion));
    if (user) setView({ name: 'home', user: user.name });
    else await freshLogin();
  }

  async function logOut() {
    await ask(() => bank.logout());
    await freshLogin();
  }

  async function startTransfer(user: string) {
    setView({ name: 'approve', user, start: null });
    const start = await ask(() => bank.startApproval());
    if (start) setView({ name: 'approve', user, start });
    else setView({ name: 'home', user });
  }

  async function approved(event: MitidSuccessEvent, user: string) {
    record(event);
    const result = await ask(() => bank.finishApproval(event.detail.assertion));
    setView(result ? { name: 'approved', user, text: result.text } : { name: 'home', user });
  }

  /** The element shows the error itself; the page gives the same element a new nonce for "Start forfra". */
  async function failed(event: MitidErrorEvent) {
    record(event);
    if (view.name === 'login') {
      const start = await ask(() => bank.startLogin());
      if (start) setView({ name: 'login', start });
    } else if (view.name === 'approve') {
      const start = await ask(() => bank.startApproval());
      if (start) setView({ ...view, start });
    }
  }

  const title = view.name === 'login' || view.name === 'approve' ? HEADINGS[view.name]() : HEADINGS[view.name](view);

  return (
    <div className="page">
      <header>
        <h1>Eksempelbanken</h1>
        <p>React 19 · Vite</p>
      </header>
      <main>
        {bank.offline && (
          <p className="offline">
            Offline: elementet taler med en scriptet broker, og intet bliver verificeret. Appen godkender af sig selv;
            kodeviseren tager koden {OFFLINE_CODE} og adgangskoden {OFFLINE_PASSWORD}.
          </p>
        )}
        <h2 tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <p role="alert">{problem}</p>

        {view.name === 'login' && view.start && (
          // client-id and lang are attributes; broker, nonce and transport are properties of the element, so React
          // 19 sets them as properties (transport must be: it is an object). onmitid-* listen to the custom events.
          <mitid-login
            client-id={CLIENT_ID}
            lang="da"
            broker={view.start.broker}
            nonce={view.start.nonce}
            transport={bank.transport}
            onmitid-success={loggedIn}
            onmitid-error={failed}
            onmitid-cancel={record}
            onmitid-state={record}
          />
        )}

        {view.name === 'home' && (
          <>
            <p>Du er logget ind. Prøv at overføre penge: banken beder dig godkende overførslen i MitID.</p>
            <button type="button" onClick={() => void startTransfer(view.user)}>
              Overfør 2.300 kr.
            </button>
            <button type="button" className="secondary" onClick={() => void logOut()}>
              Log af
            </button>
          </>
        )}

        {view.name === 'approve' && view.start && (
          // A new element for the approval (a different key than the login's): mode and the exact text the bank
          // built. The text is a property; React sets it as one because the element has `transactionText`.
          <mitid-login
            key="approve"
            client-id={CLIENT_ID}
            lang="da"
            mode="approve"
            transactionText={view.start.text}
            broker={view.start.broker}
            nonce={view.start.nonce}
            transport={bank.transport}
            onmitid-success={(event) => void approved(event, view.user)}
            onmitid-error={failed}
            onmitid-cancel={(event) => {
              record(event);
              setView({ name: 'home', user: view.user });
            }}
            onmitid-state={record}
          />
        )}

        {view.name === 'approved' && (
          <>
            <p className="approved-text">{view.text}</p>
            <button type="button" onClick={() => setView({ name: 'home', user: view.user })}>
              Til forsiden
            </button>
          </>
        )}

        <section aria-labelledby="log-heading">
          <h2 id="log-heading">Hændelser fra elementet</h2>
          <ol className="event-log">
            {log.map((line, index) => (
              <li key={`${log.length - index}`}>{line}</li>
            ))}
          </ol>
        </section>
      </main>
    </div>
  );
}
