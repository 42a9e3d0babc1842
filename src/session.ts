/**
 * Everything a running session needs, loaded by a dynamic import once the user-ID step is on screen: the flow
 * machine and runner, the HTTP transport with its event stream, and the renderers of the later steps. Keeping it
 * out of the first load lets the user-ID field appear sooner (issue 9: first load ≤ 20 KB gzipped).
 */
export { FlowRunner } from './flow/runner.js';
export { HttpTransport } from './transport/http-transport.js';
export { loadQrEncoder, qrMatrix } from './steps/qr.js';
export { errorMessage } from './steps/result.js';

import { renderAppStep } from './steps/app.js';
import { renderApproveStep } from './steps/approve.js';
import { renderChipStep } from './steps/chip.js';
import { renderCodeStep } from './steps/code.js';
import { renderMethodStep } from './steps/method.js';
import { renderPasswordStep } from './steps/password.js';
import { renderDoneStep, renderErrorStep } from './steps/result.js';

export const renderers = {
  approve: renderApproveStep,
  method: renderMethodStep,
  app: renderAppStep,
  code: renderCodeStep,
  password: renderPasswordStep,
  chip: renderChipStep,
  done: renderDoneStep,
  error: renderErrorStep,
};
