import type { Meta } from '@storybook/web-components-vite';
import type { TransportErrorCode } from '../src/transport/transport.js';
import type { FailureCode } from '../protocol/page-api.js';
import { argTypes, defaultArgs, loginIn, renderLogin, STORY_USER_ID, type LoginArgs } from './support/login.js';
import { inDanish, inEnglish, type LoginStory } from './support/variants.js';

/**
 * How a flow ends: success, a session that failed (each `FailureCode` the broker reports on the stream), and
 * every error code a call can answer with (each `ErrorCode`, plus the browser's own `network`, `bad_response` and
 * `missing_config`). The error step shows a human message in the element's language, with "Try again" where
 * trying again can help. `cpr_user_id` and `invalid_user_id` are shown in the field instead (Steps/1 User ID);
 * `webauthn_unsupported` is in Steps/4 Chip; `aborted` is never shown (the element itself stopped the call).
 */
const meta: Meta<LoginArgs> = {
  title: 'Results',
  component: 'mitid-login',
  args: defaultArgs,
  argTypes,
  render: renderLogin,
};
export default meta;

/** Logged in: `mitid-success` carries the signed assertion for the page's back end. */
const success: LoginStory = {
  parameters: { script: { app: [{ after: 0, complete: true }] } },
  play: async ({ canvasElement }) => {
    const user = await loginIn(canvasElement);
    await user.submitUserId(STORY_USER_ID);
    await user.chooseMethod('app');
    await user.waitForStep('done');
  },
};

/** The session failed with `code` while the app step was showing (reported by the broker on the stream). */
function failure(code: FailureCode): LoginStory {
  return {
    parameters: { script: { app: [{ after: 0, fail: code }] } },
    play: async ({ canvasElement }) => {
      const user = await loginIn(canvasElement);
      await user.submitUserId(STORY_USER_ID);
      await user.chooseMethod('app');
      await user.waitForStep('error');
    },
  };
}

/** Starting the session was answered with `code`. */
function error(code: TransportErrorCode | 'missing_config'): LoginStory {
  return {
    ...(code === 'missing_config' ? { args: { 'client-id': '' } } : {}),
    parameters: { script: code === 'missing_config' ? {} : { createError: code } },
    play: async ({ canvasElement }) => {
      const user = await loginIn(canvasElement);
      await user.submitUserId(STORY_USER_ID);
      await user.waitForStep('error');
    },
  };
}

/**
 * An approval started with the login's hint (`login-hint`) that the broker refused with `code`: said in words, with
 * "Indtast bruger-ID" as the way on to the user-ID step for the same transaction.
 */
function hintRefused(code: 'invalid_login_hint' | 'login_hint_expired' | 'login_hint_client'): LoginStory {
  return {
    args: {
      mode: 'approve',
      'transaction-text': 'Overførsel af 2.300 kr. til konto 9978 000123456',
      'login-hint': 'h1.story-login-hint',
    },
    parameters: { script: { createError: code } },
    play: async ({ canvasElement }) => {
      const user = await loginIn(canvasElement);
      await user.waitForStep('error');
    },
  };
}

export const LoggedInDa = inDanish(success);
export const LoggedInEn = inEnglish(success);
export const FailedRejectedDa = inDanish(failure('rejected'));
export const FailedRejectedEn = inEnglish(failure('rejected'));
export const FailedExpiredDa = inDanish(failure('expired'));
export const FailedExpiredEn = inEnglish(failure('expired'));
export const FailedCancelledDa = inDanish(failure('cancelled'));
export const FailedCancelledEn = inEnglish(failure('cancelled'));
export const FailedLockedDa = inDanish(failure('locked'));
export const FailedLockedEn = inEnglish(failure('locked'));
export const FailedBlockedDa = inDanish(failure('blocked'));
export const FailedBlockedEn = inEnglish(failure('blocked'));
export const FailedSupersededDa = inDanish(failure('superseded'));
export const FailedSupersededEn = inEnglish(failure('superseded'));
export const FailedParallelSessionDa = inDanish(failure('parallel-session'));
export const FailedParallelSessionEn = inEnglish(failure('parallel-session'));
export const FailedInternalDa = inDanish(failure('internal'));
export const FailedInternalEn = inEnglish(failure('internal'));
export const ErrorInvalidJsonDa = inDanish(error('invalid_json'));
export const ErrorInvalidJsonEn = inEnglish(error('invalid_json'));
export const ErrorInvalidRequestDa = inDanish(error('invalid_request'));
export const ErrorInvalidRequestEn = inEnglish(error('invalid_request'));
export const ErrorBodyTooLargeDa = inDanish(error('body_too_large'));
export const ErrorBodyTooLargeEn = inEnglish(error('body_too_large'));
export const ErrorUnsupportedMediaTypeDa = inDanish(error('unsupported_media_type'));
export const ErrorUnsupportedMediaTypeEn = inEnglish(error('unsupported_media_type'));
export const ErrorNotFoundDa = inDanish(error('not_found'));
export const ErrorNotFoundEn = inEnglish(error('not_found'));
export const ErrorUnknownClientDa = inDanish(error('unknown_client'));
export const ErrorUnknownClientEn = inEnglish(error('unknown_client'));
export const ErrorOriginNotAllowedDa = inDanish(error('origin_not_allowed'));
export const ErrorOriginNotAllowedEn = inEnglish(error('origin_not_allowed'));
export const ErrorInvalidTransactionTextDa = inDanish(error('invalid_transaction_text'));
export const ErrorInvalidTransactionTextEn = inEnglish(error('invalid_transaction_text'));
export const ErrorInvalidTransactionDa = inDanish(error('invalid_transaction'));
export const ErrorInvalidTransactionEn = inEnglish(error('invalid_transaction'));
export const ErrorMitidTextTooLongDa = inDanish(error('mitid_text_too_long'));
export const ErrorMitidTextTooLongEn = inEnglish(error('mitid_text_too_long'));
export const ErrorSessionNotFoundDa = inDanish(error('session_not_found'));
export const ErrorSessionNotFoundEn = inEnglish(error('session_not_found'));
export const ErrorInvalidTokenDa = inDanish(error('invalid_token'));
export const ErrorInvalidTokenEn = inEnglish(error('invalid_token'));
export const ErrorSessionFinishedDa = inDanish(error('session_finished'));
export const ErrorSessionFinishedEn = inEnglish(error('session_finished'));
export const ErrorWrongStepDa = inDanish(error('wrong_step'));
export const ErrorWrongStepEn = inEnglish(error('wrong_step'));
export const ErrorMethodUnavailableDa = inDanish(error('method_unavailable'));
export const ErrorMethodUnavailableEn = inEnglish(error('method_unavailable'));
export const ErrorWrongCodeDa = inDanish(error('wrong_code'));
export const ErrorWrongCodeEn = inEnglish(error('wrong_code'));
export const ErrorWrongPasswordDa = inDanish(error('wrong_password'));
export const ErrorWrongPasswordEn = inEnglish(error('wrong_password'));
export const ErrorLockedDa = inDanish(error('locked'));
export const ErrorLockedEn = inEnglish(error('locked'));
export const ErrorExtendLimitDa = inDanish(error('extend_limit'));
export const ErrorExtendLimitEn = inEnglish(error('extend_limit'));
export const ErrorRateLimitedDa = inDanish(error('rate_limited'));
export const ErrorRateLimitedEn = inEnglish(error('rate_limited'));
export const ErrorActivationRequiredDa = inDanish(error('activation_required'));
export const ErrorActivationRequiredEn = inEnglish(error('activation_required'));
export const ErrorInvalidActivationDa = inDanish(error('invalid_activation'));
export const ErrorInvalidActivationEn = inEnglish(error('invalid_activation'));
export const ErrorDevicePendingDa = inDanish(error('device_pending'));
export const ErrorDevicePendingEn = inEnglish(error('device_pending'));
export const ErrorParallelSessionDa = inDanish(error('parallel_session'));
export const ErrorParallelSessionEn = inEnglish(error('parallel_session'));
export const ErrorQrInvalidDa = inDanish(error('qr_invalid'));
export const ErrorQrInvalidEn = inEnglish(error('qr_invalid'));
export const ErrorQrExpiredDa = inDanish(error('qr_expired'));
export const ErrorQrExpiredEn = inEnglish(error('qr_expired'));
export const ErrorPairingInvalidDa = inDanish(error('pairing_invalid'));
export const ErrorPairingInvalidEn = inEnglish(error('pairing_invalid'));
export const ErrorPairingExpiredDa = inDanish(error('pairing_expired'));
export const ErrorPairingExpiredEn = inEnglish(error('pairing_expired'));
export const ErrorInvalidSignatureDa = inDanish(error('invalid_signature'));
export const ErrorInvalidSignatureEn = inEnglish(error('invalid_signature'));
export const ErrorInvalidDeviceDa = inDanish(error('invalid_device'));
export const ErrorInvalidDeviceEn = inEnglish(error('invalid_device'));
export const ErrorWebauthnFailedDa = inDanish(error('webauthn_failed'));
export const ErrorWebauthnFailedEn = inEnglish(error('webauthn_failed'));
export const ErrorInternalDa = inDanish(error('internal'));
export const ErrorInternalEn = inEnglish(error('internal'));
export const ErrorStoreUnavailableDa = inDanish(error('store_unavailable'));
export const ErrorStoreUnavailableEn = inEnglish(error('store_unavailable'));
export const ErrorBrokerBusyDa = inDanish(error('broker_busy'));
export const ErrorBrokerBusyEn = inEnglish(error('broker_busy'));
export const ErrorMethodChangeLimitDa = inDanish(error('method_change_limit'));
export const ErrorMethodChangeLimitEn = inEnglish(error('method_change_limit'));
export const ErrorNetworkDa = inDanish(error('network'));
export const ErrorNetworkEn = inEnglish(error('network'));
export const ErrorBadResponseDa = inDanish(error('bad_response'));
export const ErrorBadResponseEn = inEnglish(error('bad_response'));
export const ErrorMissingConfigDa = inDanish(error('missing_config'));
export const ErrorMissingConfigEn = inEnglish(error('missing_config'));
export const ErrorInvalidLoginHintDa = inDanish(hintRefused('invalid_login_hint'));
export const ErrorInvalidLoginHintEn = inEnglish(hintRefused('invalid_login_hint'));
export const ErrorLoginHintExpiredDa = inDanish(hintRefused('login_hint_expired'));
export const ErrorLoginHintExpiredEn = inEnglish(hintRefused('login_hint_expired'));
export const ErrorLoginHintClientDa = inDanish(hintRefused('login_hint_client'));
export const ErrorLoginHintClientEn = inEnglish(hintRefused('login_hint_client'));
