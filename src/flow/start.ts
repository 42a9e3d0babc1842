/**
 * How a session starts, as transitions of the pure machine (./machine.ts): from the user ID the user typed, or, for
 * an approval, from the relying party's login hint (no user ID at all: the broker knows from the hint whom the
 * approval is for, and the page never learns the user ID). Both check the page's own set-up before any network call.
 */
import { userIdProblem } from '../../protocol/rules.js';
import { pageConfigRefusal } from './page-config.js';
import type { FlowEvent, FlowState, StartConfig } from './states.js';

export function submitUserId(state: FlowState, event: Extract<FlowEvent, { type: 'submit-user-id' }>): FlowState {
  if (state.step !== 'user-id' || state.busy) return state;
  const { config } = event;
  const userId = event.userId.trim();
  const problem = userIdProblem(userId);
  if (problem) return { ...state, userId: event.userId, problem, notice: null };
  const configError = pageConfigRefusal(config, userId);
  if (configError) return configError;
  return { ...state, userId, problem: null, busy: true, notice: null, hinted: false };
}

/** An approval for the user who logged in: no user ID is asked for, and none is kept (the flow's user ID is ''). */
export function startWithHint(state: FlowState, config: StartConfig): FlowState {
  if (state.step !== 'user-id' || state.busy || config.mode !== 'approve') return state;
  const configError = pageConfigRefusal(config, '');
  if (configError) return configError;
  return { ...state, userId: '', problem: null, busy: true, notice: null, hinted: true };
}
