/** The browser SDK's main entry: importing it defines `<mitid-login>` and exports its API. */
export * from './define.js';
export * from './events.js';
export {
  registerLocale,
  translationFor,
  DEFAULT_LOCALE,
  type Translation,
  type FirstStepTranslation,
  type LaterStepsTranslation,
} from './i18n/index.js';
export { HttpTransport, type HttpTransportOptions } from './transport/http-transport.js';
export {
  TransportError,
  systemClock,
  type Clock,
  type SessionRef,
  type StatusHandlers,
  type StatusSubscription,
  type Transport,
  type TransportErrorCode,
} from './transport/transport.js';
export type { FlowErrorCode, FlowState, Step } from './flow/machine.js';
export * from '../protocol/page-api.js';
export * from '../protocol/rules.js';
