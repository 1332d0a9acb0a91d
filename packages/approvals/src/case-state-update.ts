import type { ChainState } from './case-chain';
import { routing } from './case-chain';

/** The `$set` that stores an engine state with the query fields derived from it. */
export function stateUpdate(state: ChainState, now: Date) {
  const { openSteps: _openSteps, ...derived } = routing(state);
  return {
    status: state.status,
    level: state.level,
    steps: state.steps,
    ...derived,
    ...(state.status !== 'open' ? { closedAt: now } : {}),
  };
}
