import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Track } from '../../domain/cohorts';
import { draftFromQuestion, HELP_TEXT_MAX, type QuestionDraft } from '../../domain/question-bank';
import {
  builtInQuestion,
  KIND_LABELS,
  LABEL_MAX,
  MATCHING_USE_LABELS,
  MATCHING_USES,
  OPTION_LABEL_MAX,
  OPTIONS_MAX,
  PREFER_NOT_TO_SAY,
  QUESTION_KINDS,
  WEIGHTS,
} from '../../domain/questions';
import type { BankQuestion } from '../../services/question-bank';
import { QuestionIds as Ids } from '../ids';
import { audienceLabel } from './question-bank';
import { escapeMrkdwn } from './text';

/** What the editor and the removal check carry: where the list modal is, to refresh it after. */
export interface EditorMetadata {
  readonly cohortId: number;
  readonly questionId: number | null;
  readonly listViewId: string;
}

/** Slack's limit for a plain-text input. */
const TEXT_INPUT_MAX = 3000;

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

function option(value: string, text: string, description?: string): PlainTextOption {
  return { value, text: plain(text), ...(description ? { description: plain(description) } : {}) };
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: { optional?: boolean; hint?: string } = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: plain(label),
    ...(extra.optional ? { optional: true } : {}),
    ...(extra.hint ? { hint: plain(extra.hint) } : {}),
    element: { ...element, action_id: Ids.value },
  } as KnownBlock;
}

export const FLAG_REQUIRED = option('required', 'Required', 'People must answer before they can enroll.');
export const FLAG_SENSITIVE = option(
  'sensitive',
  'Self-identification (sensitive)',
  'Nobody sees answers; aggregate reports only. Never required.',
);
export const AUDIENCE_EVERYONE = 'everyone';

const EMPTY_DRAFT: QuestionDraft = {
  label: '',
  helpText: '',
  kind: 'single_select',
  optionLabels: [],
  required: false,
  sensitive: false,
  matchingUse: 'none',
  weight: 'medium',
  maxSelections: null,
  audience: null,
};

/** The add/edit question modal, pushed over the list. Pure. */
export function questionEditorModal(input_: {
  track: Track;
  metadata: EditorMetadata;
  question?: BankQuestion;
}): ModalView {
  const { track, metadata, question } = input_;
  const draft = question === undefined ? EMPTY_DRAFT : draftFromQuestion(question.question);
  const kinds = QUESTION_KINDS.map((k) => option(k, KIND_LABELS[k]));
  const builtIn = question === undefined ? undefined : builtInQuestion(question.question.key);
  const uses = (builtIn?.uses ?? MATCHING_USES).map((u) => option(u, MATCHING_USE_LABELS[u]));
  const weights = WEIGHTS.map((w) => option(w, `${w[0]?.toUpperCase()}${w.slice(1)}`));
  const audiences = [
    option(AUDIENCE_EVERYONE, audienceLabel(track, null)),
    option('mentor', audienceLabel(track, 'mentor')),
    option('mentee', audienceLabel(track, 'mentee')),
  ];
  const flags = [FLAG_REQUIRED, FLAG_SENSITIVE];
  const chosenFlags = flags.filter((f) => (f.value === 'required' ? draft.required : draft.sensitive));
  const blocks: KnownBlock[] = [];
  if (question !== undefined && question.answers > 0) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `*${question.answers} ${question.answers === 1 ? 'person has' : 'people have'} answered this question.* Its type cannot change. Options you remove are taken out of their answers, and you will see how many answers each removal touched.`,
        },
      ],
    });
  }
  blocks.push(
    input(Ids.label, 'Question', {
      type: 'plain_text_input',
      max_length: LABEL_MAX,
      ...(draft.label === '' ? {} : { initial_value: draft.label }),
    }),
    input(
      Ids.helpText,
      'Help text',
      {
        type: 'plain_text_input',
        max_length: HELP_TEXT_MAX,
        ...(draft.helpText === '' ? {} : { initial_value: draft.helpText }),
      },
      { optional: true, hint: 'Shown under the question in the enrollment form.' },
    ),
    input(Ids.kind, 'Type', {
      type: 'static_select',
      options: kinds,
      initial_option: kinds.find((k) => k.value === draft.kind),
    }),
    input(
      Ids.options,
      'Options (choice questions)',
      {
        type: 'plain_text_input',
        multiline: true,
        max_length: TEXT_INPUT_MAX,
        ...(draft.optionLabels.length === 0 ? {} : { initial_value: draft.optionLabels.join('\n') }),
      },
      {
        optional: true,
        hint: `One per line, 2 to ${OPTIONS_MAX}, each up to ${OPTION_LABEL_MAX} characters. Self-identification questions always offer "${PREFER_NOT_TO_SAY.label}" too.`,
      },
    ),
    input(
      Ids.flags,
      'Answers',
      {
        type: 'checkboxes',
        options: flags,
        ...(chosenFlags.length > 0 ? { initial_options: chosenFlags } : {}),
      },
      { optional: true },
    ),
    input(
      Ids.matchingUse,
      'Use in matching',
      {
        type: 'static_select',
        options: uses,
        initial_option: uses.find((u) => u.value === draft.matchingUse),
      },
      builtIn === undefined ? {} : { hint: builtIn.role },
    ),
    input(Ids.weight, 'Weight in matching', {
      type: 'radio_buttons',
      options: weights,
      initial_option: weights.find((w) => w.value === draft.weight),
    }),
    input(
      Ids.maxSelections,
      'Most choices allowed (pick-several, or people for a person question)',
      {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '1',
        max_value: String(OPTIONS_MAX),
        ...(draft.maxSelections === null ? {} : { initial_value: String(draft.maxSelections) }),
      },
      { optional: true },
    ),
    input(Ids.audience, 'Asked of', {
      type: 'radio_buttons',
      options: audiences,
      initial_option: audiences.find((a) => a.value === (draft.audience ?? AUDIENCE_EVERYONE)),
    }),
  );
  return {
    type: 'modal',
    callback_id: Ids.editorModal,
    private_metadata: JSON.stringify(metadata),
    title: plain(question === undefined ? 'New question' : 'Edit question'),
    submit: plain('Save'),
    close: plain('Back'),
    blocks,
  };
}

/** "Remove this question?", with what it costs in answers. Pure. */
export function removeQuestionModal(input_: { metadata: EditorMetadata; question: BankQuestion }): ModalView {
  const { question, metadata } = input_;
  const label = escapeMrkdwn(question.question.label);
  const cost =
    question.answers === 0
      ? 'Nobody has answered it yet.'
      : `*${question.answers} ${question.answers === 1 ? 'person has' : 'people have'} answered it: ${question.answers === 1 ? 'that answer is' : 'those answers are'} deleted with it.* This cannot be undone.`;
  return {
    type: 'modal',
    callback_id: Ids.removeModal,
    private_metadata: JSON.stringify(metadata),
    title: plain('Remove question'),
    submit: plain('Remove'),
    close: plain('Keep it'),
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `Remove *${label}* from the bank?\n${cost}` } },
    ],
  };
}
