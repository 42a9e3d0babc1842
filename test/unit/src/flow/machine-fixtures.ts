/** The configurations and broker answers the flow machine's tests feed it, and `run` to feed several in turn. */
import {
  initialState,
  transition,
  type FlowEvent,
  type FlowState,
  type StartConfig,
} from '../../../../src/flow/machine.js';
import type { SessionStatusEvent } from '../../../../protocol/page-api.js';

export const login: StartConfig = {
  clientId: 'netbank',
  nonce: 'nonce-0123456789abcdef',
  mode: 'login',
  transactionText: '',
};
export const approve: StartConfig = {
  ...login,
  mode: 'approve',
  transactionText: 'Overførsel af 2.300 kr.\r\ntil konto 9978',
};
export const expires = '2026-11-25T12:05:00.000Z';

export function run(state: FlowState, ...events: FlowEvent[]): FlowState {
  return events.reduce(transition, state);
}

/** The broker's answer to the user ID; `preferredMethod` is the method remembered on this device, if any. */
export function created(
  mode: StartConfig['mode'] = 'login',
  methods = ['app', 'code-display', 'code-reader', 'chip'],
  preferredMethod: string | null = null,
) {
  return {
    type: 'session-created',
    ref: { id: 's1', token: 't1' },
    mode,
    transactionText: mode === 'approve' ? approve.transactionText : '',
    device: 'cross',
    methods,
    clientName: 'Demo Netbank',
    expiresAt: Date.parse(expires),
    extensionsLeft: 2,
    preferredMethod,
  } as FlowEvent;
}

export function status(seq: number, change: Partial<SessionStatusEvent>): FlowEvent {
  return { type: 'status', status: { seq, status: 'pending', expires_at: expires, extensions_left: 2, ...change } };
}

/** The user picks the app in the method list (which shows first when no method is remembered). */
export const chooseApp: FlowEvent = { type: 'choose-method', method: 'app', device: 'cross' };

export const chosenApp: FlowEvent = {
  type: 'method-chosen',
  method: 'app',
  device: 'cross',
  response: { status: { seq: 2, status: 'pending', hint: 'outstanding', expires_at: expires, extensions_left: 2 } },
};

/** The user sends a user ID (`anna` unless told) with a configuration. */
export function submitted(config: StartConfig = login, userId = 'anna'): FlowEvent {
  return { type: 'submit-user-id', userId, config };
}

/** A login waiting in the app: user ID sent, session created, the app chosen from the list and accepted. */
export function waitingInApp(): FlowState {
  return run(initialState(), submitted(), created(), chooseApp, chosenApp);
}
