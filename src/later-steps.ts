/**
 * Everything the steps after the user ID need, loaded by a dynamic import once the user-ID step is on screen: the
 * flow machine and runner, the HTTP transport with its event stream, the renderers of the later steps, and what they
 * say (the rest of the Danish catalogue; the first load has only the user-ID step's part). Keeping
 * it out of the first load lets the user-ID field appear sooner (issue 9: first load ≤ 20 KB gzipped).
 */
import type { StepContext, StepView } from './steps/types.js';
import type { LaterStepsTranslation } from './i18n/index.js';
import { daLater } from './i18n/parts/da-later.js';
import { renderAppStep } from './steps/app.js';
import { renderApproveStep } from './steps/approve.js';
import { renderChipStep } from './steps/chip.js';
import { renderCodeStep } from './steps/code.js';
import { renderMethodStep } from './steps/method.js';
import { renderPasswordStep } from './steps/password.js';
import { renderDoneStep, renderErrorStep } from './steps/result.js';
import { renderUserIdStep } from './steps/user-id.js';

export { FlowRunner } from './flow/runner.js';
export { HttpTransport } from './transport/http-transport.js';
export { loadQrEncoder, qrMatrix } from './steps/qr.js';

/** The later parts of the catalogues whose first part is in the first load (../i18n/index.ts). */
export const laterCatalogues: Readonly<Record<string, LaterStepsTranslation>> = { da: daLater };

/** The view of whichever step the state is at; each renderer gets the state narrowed to its own step. */
export function renderStep(context: StepContext): StepView {
  const { state } = context;
  switch (state.step) {
    case 'user-id':
      return renderUserIdStep({ ...context, state });
    case 'approve':
      return renderApproveStep({ ...context, state });
    case 'method':
      return renderMethodStep({ ...context, state });
    case 'app':
      return renderAppStep({ ...context, state });
    case 'code':
      return renderCodeStep({ ...context, state });
    case 'password':
      return renderPasswordStep({ ...context, state });
    case 'chip':
      return renderChipStep({ ...context, state });
    case 'done':
      return renderDoneStep({ ...context, state });
    case 'error':
      return renderErrorStep({ ...context, state });
  }
}
