import { z } from 'zod';
import type { DraftField, QuestionDraft } from '../../domain/question-bank';
import { MATCHING_USES, QUESTION_KINDS, WEIGHTS } from '../../domain/questions';
import { QuestionIds as Ids } from '../ids';
import { readOption, readOptions, readText, type ViewStateValues } from '../state';
import type { EditorMetadata } from '../views/question-editor';

export const BLOCK_OF_DRAFT_FIELD: Record<DraftField, string> = {
  label: Ids.label,
  helpText: Ids.helpText,
  kind: Ids.kind,
  optionLabels: Ids.options,
  required: Ids.flags,
  sensitive: Ids.flags,
  matchingUse: Ids.matchingUse,
  weight: Ids.weight,
  maxSelections: Ids.maxSelections,
  audience: Ids.audience,
};

const editorMetadata = z.object({
  cohortId: z.number().int().positive(),
  questionId: z.number().int().positive().nullable(),
  listViewId: z.string().min(1),
});

const bankMetadata = z.object({ cohortId: z.number().int().positive() });

function json(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

export function parseEditorMetadata(raw: string): EditorMetadata | undefined {
  const parsed = editorMetadata.safeParse(json(raw));
  return parsed.success ? parsed.data : undefined;
}

export function parseBankMetadata(raw: string): { cohortId: number } | undefined {
  const parsed = bankMetadata.safeParse(json(raw));
  return parsed.success ? parsed.data : undefined;
}

export type QuestionSubmission =
  | { ok: true; metadata: EditorMetadata; draft: QuestionDraft }
  | { ok: false; errors: Record<string, string> };

const STALE = 'This form is out of date; please close it and start again.';

/** The question editor's state as a draft, or field errors for what is missing or malformed. */
export function parseQuestionSubmission(
  values: ViewStateValues,
  privateMetadata: string,
): QuestionSubmission {
  const errors: Record<string, string> = {};
  const metadata = parseEditorMetadata(privateMetadata);
  if (metadata === undefined) errors[Ids.label] = STALE;
  const kind = z.enum(QUESTION_KINDS).safeParse(readOption(values, Ids.kind));
  if (!kind.success) errors[Ids.kind] = 'Please choose a type.';
  const use = z.enum(MATCHING_USES).safeParse(readOption(values, Ids.matchingUse));
  if (!use.success) errors[Ids.matchingUse] = 'Please choose how matching uses it.';
  const weight = z.enum(WEIGHTS).safeParse(readOption(values, Ids.weight));
  if (!weight.success) errors[Ids.weight] = 'Please choose a weight.';
  const audience = z.enum(['everyone', 'mentor', 'mentee']).safeParse(readOption(values, Ids.audience));
  if (!audience.success) errors[Ids.audience] = 'Please choose who is asked.';
  const maxText = readText(values, Ids.maxSelections)?.trim();
  const maxSelections = maxText === undefined ? null : Number(maxText);
  if (maxSelections !== null && !Number.isInteger(maxSelections))
    errors[Ids.maxSelections] = 'Please enter a whole number.';
  const flags = readOptions(values, Ids.flags);
  if (metadata === undefined || !kind.success || !use.success || !weight.success || !audience.success) {
    return { ok: false, errors };
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    metadata,
    draft: {
      label: readText(values, Ids.label) ?? '',
      helpText: readText(values, Ids.helpText) ?? '',
      kind: kind.data,
      optionLabels: (readText(values, Ids.options) ?? '').split(/\r?\n/),
      required: flags.includes('required'),
      sensitive: flags.includes('sensitive'),
      matchingUse: use.data,
      weight: weight.data,
      maxSelections,
      audience: audience.data === 'everyone' ? null : audience.data,
    },
  };
}
