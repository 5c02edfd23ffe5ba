import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import {
  CADENCE_LABELS,
  CADENCES,
  type Cohort,
  COHORT_NAME_MAX,
  GROUP_SIZE_MAX,
  GROUP_SIZE_MIN,
  DEFAULT_MIN_OVERLAP_HOURS,
  GUIDELINES_MAX,
  MIN_OVERLAP_MAX,
  TRACK_LABELS,
  TRACKS,
} from '../../domain/cohorts';
import type { QuestionOption } from '../../domain/questions';
import { CohortIds as Ids } from '../ids';
import { truncate } from './text';

export interface CohortModalInput {
  /** The cohort being edited; absent when creating one. */
  readonly cohort?: Cohort;
  /** Defaults for a new cohort's dates (YYYY-MM-DD). */
  readonly defaults: { opens: string; closes: string; starts: string; ends: string };
  /** The skills the cohort's questions offer, for the reverse track's list (at most 100 shown). */
  readonly skills: readonly QuestionOption[];
}

function option(value: string, text: string): PlainTextOption {
  return { value, text: { type: 'plain_text', text } };
}

function input(
  blockId: string,
  label: string,
  element: Record<string, unknown>,
  extra: Partial<KnownBlock> = {},
): KnownBlock {
  return {
    type: 'input',
    block_id: blockId,
    label: { type: 'plain_text', text: label },
    element: { ...element, action_id: Ids.value },
    ...extra,
  } as KnownBlock;
}

const SURVEY_OPTIONS = [option('midpoint', 'Midpoint survey'), option('end', 'End-of-program survey')];
const NOMINATED_OPTION = option('nominated_only', 'Only nominated employees may enroll as mentees');

const SELECT_OPTIONS_MAX = 100;

/** Reverse track: which skills juniors teach. Absent when the questions offer no skills. */
function reverseSkillsBlock(skills: readonly QuestionOption[], chosen: readonly string[]): KnownBlock[] {
  const options = skills.slice(0, SELECT_OPTIONS_MAX).map((s) => option(s.value, truncate(s.label, 75)));
  if (options.length === 0) return [];
  const initial = chosen.flatMap((value) => options.filter((o) => o.value === value));
  return [
    input(
      Ids.reverseSkills,
      'Skills juniors teach (reverse track)',
      {
        type: 'multi_static_select',
        options,
        placeholder: { type: 'plain_text', text: 'Any skill' },
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
      {
        optional: true,
        hint: {
          type: 'plain_text',
          text: 'Reverse mentoring pairs people on these skills only: a mentor must offer one of them, and only they count in the score. Leave empty for any skill.',
        },
      },
    ),
  ];
}

/** The modal for creating or editing a cohort. Pure: same input, same view. */
export function cohortModal({ cohort, defaults, skills }: CohortModalInput): ModalView {
  const trackOptions = TRACKS.map((t) => option(t, TRACK_LABELS[t]));
  const cadenceOptions = CADENCES.map((c) => option(c, CADENCE_LABELS[c]));
  const track = cohort?.track ?? 'high_potential';
  const cadence = cohort?.defaultCadence ?? 'biweekly';
  const surveys = SURVEY_OPTIONS.filter((o) =>
    cohort === undefined ? true : o.value === 'midpoint' ? cohort.surveyMidpoint : cohort.surveyEnd,
  );
  const blocks: KnownBlock[] = [
    input(Ids.name, 'Name', {
      type: 'plain_text_input',
      max_length: COHORT_NAME_MAX,
      placeholder: { type: 'plain_text', text: 'Spring 2027 leadership cohort' },
      ...(cohort ? { initial_value: cohort.name } : {}),
    }),
    input(
      Ids.slug,
      'Short name',
      { type: 'plain_text_input', max_length: 32, ...(cohort ? { initial_value: cohort.slug } : {}) },
      {
        hint: {
          type: 'plain_text',
          text: 'Lowercase letters, digits and dashes, used in commands: /mentor admin cohort open spring-27',
        },
      },
    ),
    input(Ids.track, 'Track', {
      type: 'static_select',
      options: trackOptions,
      initial_option: trackOptions.find((o) => o.value === track),
    }),
    input(
      Ids.groupSize,
      'Group size (group track)',
      {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: String(GROUP_SIZE_MIN),
        max_value: String(GROUP_SIZE_MAX),
        ...(cohort?.groupSize ? { initial_value: String(cohort.groupSize) } : {}),
      },
      {
        optional: true,
        hint: {
          type: 'plain_text',
          text: `People per group, mentor included: ${GROUP_SIZE_MIN} to ${GROUP_SIZE_MAX}.`,
        },
      },
    ),
    input(
      Ids.minOverlapHours,
      'Shared working hours a pair needs',
      {
        type: 'number_input',
        is_decimal_allowed: false,
        min_value: '0',
        max_value: String(MIN_OVERLAP_MAX),
        initial_value: String(cohort?.minOverlapHours ?? DEFAULT_MIN_OVERLAP_HOURS),
      },
      {
        hint: {
          type: 'plain_text',
          text: `Hours of the 9:00–17:00 working day both people share in their own time zones, on every working day of the program (daylight saving included): 0 to ${MIN_OVERLAP_MAX}.`,
        },
      },
    ),
    ...reverseSkillsBlock(skills, cohort?.reverseSkills ?? []),
    input(Ids.enrollmentOpensOn, 'Enrollment opens', {
      type: 'datepicker',
      initial_date: cohort?.enrollmentOpensOn || defaults.opens,
    }),
    input(Ids.enrollmentClosesOn, 'Enrollment closes', {
      type: 'datepicker',
      initial_date: cohort?.enrollmentClosesOn || defaults.closes,
    }),
    input(Ids.startsOn, 'Program starts', {
      type: 'datepicker',
      initial_date: cohort?.startsOn || defaults.starts,
    }),
    input(Ids.endsOn, 'Program ends', { type: 'datepicker', initial_date: cohort?.endsOn || defaults.ends }),
    input(Ids.defaultCadence, 'Default check-in cadence', {
      type: 'static_select',
      options: cadenceOptions,
      initial_option: cadenceOptions.find((o) => o.value === cadence),
    }),
    input(
      Ids.announcementChannelId,
      'Announcement channel',
      {
        type: 'conversations_select',
        filter: {
          include: ['public', 'private'],
          exclude_bot_users: true,
          exclude_external_shared_channels: true,
        },
        ...(cohort?.announcementChannelId ? { initial_conversation: cohort.announcementChannelId } : {}),
      },
      { optional: true },
    ),
    input(
      Ids.guidelines,
      'Guidelines',
      {
        type: 'plain_text_input',
        multiline: true,
        max_length: GUIDELINES_MAX,
        placeholder: {
          type: 'plain_text',
          text: 'What is expected (e.g. meet at least monthly, keep conversations confidential) and where pairs are free to choose.',
        },
        ...(cohort && cohort.guidelines !== '' ? { initial_value: cohort.guidelines } : {}),
      },
      { optional: true },
    ),
    input(
      Ids.surveys,
      'Feedback surveys',
      {
        type: 'checkboxes',
        options: SURVEY_OPTIONS,
        ...(surveys.length > 0 ? { initial_options: surveys } : {}),
      },
      { optional: true },
    ),
    input(
      Ids.options,
      'Enrollment',
      {
        type: 'checkboxes',
        options: [NOMINATED_OPTION],
        ...(cohort?.nominatedOnly ? { initial_options: [NOMINATED_OPTION] } : {}),
      },
      { optional: true },
    ),
  ];
  return {
    type: 'modal',
    callback_id: Ids.modal,
    private_metadata: JSON.stringify({ cohortId: cohort?.id ?? null }),
    title: { type: 'plain_text', text: cohort ? 'Edit cohort' : 'New cohort' },
    submit: { type: 'plain_text', text: cohort ? 'Save' : 'Create' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}
