/**
 * The matching engine: pure functions from a cohort to an explained, provably optimal proposal.
 * `proposeMatches` is what the matching service calls; `solveAssignment` is the bare solver on an
 * explicit instance (used by `mentor-bot solve` and to cross-check against other solvers).
 */

export { disclosedPair, isPrivateReason, scoreHistogram } from './disclosure';
export { MatchingInputError } from './errors';
export { MAX_LEVEL } from './validate';
export { proposeMatches } from './propose';
export {
  type AssignmentInstance,
  type AssignmentOptions,
  type AssignmentResult,
  instanceProblems,
  solveAssignment,
} from './solve-assignment';
export * from './types';
