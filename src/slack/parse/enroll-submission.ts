import { z } from 'zod';
import type { Role } from '../../domain/cohorts';
import type { AnswerValue } from '../../domain/questions';
import { EnrollIds as Ids } from '../ids';
import type { ViewStateValues } from '../state';
import { readOption, readOptions } from '../state';

const metadata = z.object({
  cohortId: z.number().int().positive(),
  mode: z.enum(['join', 'profile']),
  role: z.enum(['mentor', 'mentee']).nullable(),
});
export type EnrollMetadata = z.infer<typeof metadata>;

export function parseEnrollMetadata(text: string): EnrollMetadata | undefined {
  try {
    const parsed = metadata.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export interface EnrollValues {
  readonly role: Role | undefined;
  readonly answers: Map<string, AnswerValue>;
  readonly matchOnSensitive: boolean;
  readonly recognitionOptIn: boolean;
}

/**
 * Answers by question key from the modal's state. Each question block holds one element; its
 * state says which kind of answer it carries. Text is kept exactly as typed (emoji, quotes and
 * markup included); blank means unanswered.
 */
export function parseEnrollValues(values: ViewStateValues): EnrollValues {
  const answers = new Map<string, AnswerValue>();
  for (const [blockId, block] of Object.entries(values)) {
    if (!blockId.startsWith(Ids.questionPrefix)) continue;
    const key = blockId.slice(Ids.questionPrefix.length);
    const state = Object.values(block)[0];
    if (state === undefined) continue;
    if (state.selected_options) {
      if (state.selected_options.length > 0)
        answers.set(
          key,
          state.selected_options.map((o) => o.value),
        );
    } else if (state.selected_option) {
      answers.set(key, state.selected_option.value);
    } else if (state.selected_users) {
      if (state.selected_users.length > 0) answers.set(key, [...state.selected_users]);
    } else if (state.selected_user) {
      answers.set(key, state.selected_user);
    } else if (typeof state.value === 'string' && state.value.trim() !== '') {
      answers.set(key, state.value);
    }
  }
  const role = z.enum(['mentor', 'mentee']).safeParse(readOption(values, Ids.role));
  const choices = readOptions(values, Ids.matchOnSensitive);
  return {
    role: role.success ? role.data : undefined,
    answers,
    matchOnSensitive: choices.includes('match_on_sensitive'),
    recognitionOptIn: choices.includes('recognition'),
  };
}
