/** The input cannot be matched as given; `problems` says every reason, one line each. */
export class MatchingInputError extends Error {
  readonly code = 'matching_input_invalid';
  constructor(readonly problems: readonly string[]) {
    super(`invalid matching input:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'MatchingInputError';
  }
}
