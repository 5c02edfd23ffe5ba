import type { KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { ROLE_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import { type AnswerValue, FREE_TEXT_MAX, type Question, questionsFor } from '../../domain/questions';
import type { EnrollmentForm } from '../../services/enrollment';
import { EnrollIds as Ids } from '../ids';
import { escapeMrkdwn, truncate } from './text';

/** Slack allows 100 blocks in a modal; the fixed parts use at most 8. */
const QUESTION_BLOCKS_MAX = 90;

export function questionBlockId(key: string): string {
  return `${Ids.questionPrefix}${key}`;
}

function plain(text: string) {
  return { type: 'plain_text' as const, text };
}

function option(value: string, label: string): PlainTextOption {
  return { value, text: plain(truncate(label, 75)) };
}

function asList(value: AnswerValue | undefined): readonly string[] {
  return value === undefined ? [] : typeof value === 'string' ? [value] : value;
}

/** One question as an input block, prefilled with the current answer. */
function questionBlock(q: Question, answer: AnswerValue | undefined): KnownBlock {
  const options = q.options.map((o) => option(o.value, o.label));
  // In the person's order, not the bank's: the order of wanted skills is their priority.
  const chosen = asList(answer).flatMap((v) => options.filter((o) => o.value === v));
  const base = {
    type: 'input' as const,
    block_id: questionBlockId(q.key),
    label: plain(truncate(q.label, 2000)),
    optional: !q.required,
    ...(q.helpText ? { hint: plain(truncate(q.helpText, 2000)) } : {}),
  };
  switch (q.kind) {
    case 'free_text':
      return {
        ...base,
        element: {
          type: 'plain_text_input',
          action_id: Ids.value,
          multiline: true,
          max_length: FREE_TEXT_MAX,
          ...(typeof answer === 'string' ? { initial_value: answer } : {}),
        },
      };
    case 'single_select':
      return {
        ...base,
        element: {
          type: 'static_select',
          action_id: Ids.value,
          placeholder: plain('Choose one'),
          options,
          ...(chosen[0] ? { initial_option: chosen[0] } : {}),
        },
      };
    case 'multi_select':
      return {
        ...base,
        element: {
          type: 'multi_static_select',
          action_id: Ids.value,
          placeholder: plain('Choose'),
          options,
          ...(q.maxSelections ? { max_selected_items: q.maxSelections } : {}),
          ...(chosen.length > 0 ? { initial_options: chosen } : {}),
        },
      };
    case 'user_select':
      if ((q.maxSelections ?? 1) > 1) {
        // Slack reports the people in the order they were added: for picks, that is the ranking.
        const people = asList(answer);
        return {
          ...base,
          element: {
            type: 'multi_users_select',
            action_id: Ids.value,
            placeholder: plain('Choose people'),
            max_selected_items: q.maxSelections ?? 1,
            ...(people.length > 0 ? { initial_users: [...people] } : {}),
          },
        };
      }
      return {
        ...base,
        element: {
          type: 'users_select',
          action_id: Ids.value,
          placeholder: plain('Choose a person'),
          ...(typeof answer === 'string' ? { initial_user: answer } : {}),
        },
      };
  }
}

/** A question whose answer shaped a match: shown, not editable. */
function lockedBlock(q: Question, answer: AnswerValue | undefined): KnownBlock {
  const labels = asList(answer).map((v) =>
    q.kind === 'user_select' ? `<@${v}>` : escapeMrkdwn(q.options.find((o) => o.value === v)?.label ?? v),
  );
  return {
    type: 'section',
    text: {
      type: 'mrkdwn',
      text: truncate(
        `*${escapeMrkdwn(q.label)}* :lock:\n${labels.length > 0 ? labels.join(', ') : '_not answered_'}`,
        3000,
      ),
    },
  };
}

/** The join and profile modal. Pure: the same form gives the same view. */
export function enrollModal(form: EnrollmentForm): ModalView {
  const { cohort, role, mode } = form;
  const roles = ROLE_LABELS[cohort.track];
  const cohortOptions = form.cohorts.map((c) => option(String(c.id), c.name));
  const roleOptions = (['mentee', 'mentor'] as const).map((r) => option(r, roles[r]));
  const blocks: KnownBlock[] = [];

  // Input blocks with dispatch_action: a change updates the modal (other questions, other
  // roles) and the block can still carry a field error on submit.
  blocks.push({
    type: 'input',
    block_id: Ids.cohort,
    dispatch_action: true,
    label: plain('Program'),
    element: {
      type: 'static_select',
      action_id: Ids.cohort,
      options: cohortOptions,
      ...(cohortOptions.length > 0
        ? { initial_option: cohortOptions.find((o) => o.value === String(cohort.id)) ?? cohortOptions[0] }
        : {}),
    },
  });
  const dates =
    mode === 'join'
      ? `Enrollment closes ${formatDate(cohort.enrollmentClosesOn)} · program ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}`
      : `Program ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}`;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: dates }] });
  if (cohort.guidelines !== '') {
    blocks.push({
      type: 'section',
      text: { type: 'mrkdwn', text: truncate(`*Guidelines*\n${escapeMrkdwn(cohort.guidelines)}`, 3000) },
    });
  }

  if (mode === 'join') {
    blocks.push({
      type: 'input',
      block_id: Ids.role,
      dispatch_action: true,
      label: plain('How do you want to take part?'),
      element: {
        type: 'radio_buttons',
        action_id: Ids.role,
        options: roleOptions,
        ...(role ? { initial_option: roleOptions.find((o) => o.value === role) } : {}),
      },
    });
    if (form.menteeNeedsNomination) {
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `${roles.mentee} places in this cohort are for nominated employees; you can join as ${roles.mentor.toLowerCase()}.`,
          },
        ],
      });
    }
  } else {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `You take part as: *${role ? roles[role] : ''}*` }],
    });
  }

  if (role === null) {
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Choose how you want to take part to see the questions.' }],
    });
  } else {
    const asked = questionsFor(role, form.questions).slice(0, QUESTION_BLOCKS_MAX);
    if (form.locked.size > 0) {
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: ':lock: Answers your match was based on cannot change now; ask a program admin if something is wrong.',
          },
        ],
      });
    }
    for (const q of asked) {
      const answer = form.answers.get(q.key);
      blocks.push(form.locked.has(q.key) ? lockedBlock(q, answer) : questionBlock(q, answer));
    }
    const hasSensitive = asked.some((q) => q.sensitive && !form.locked.has(q.key));
    const choices = [
      ...(hasSensitive
        ? [option('match_on_sensitive', 'Use my self-identification answers as a matching preference')]
        : []),
      option('recognition', 'Recognise me by name in the cohort channel when the program ends'),
    ];
    const initial = choices.filter(
      (c) =>
        (c.value === 'match_on_sensitive' && form.matchOnSensitive) ||
        (c.value === 'recognition' && form.recognitionOptIn),
    );
    blocks.push({
      type: 'input',
      block_id: Ids.matchOnSensitive,
      optional: true,
      label: plain('Your choices'),
      element: {
        type: 'checkboxes',
        action_id: Ids.value,
        options: choices,
        ...(initial.length > 0 ? { initial_options: initial } : {}),
      },
    });
  }

  return {
    type: 'modal',
    callback_id: Ids.modal,
    private_metadata: JSON.stringify({ cohortId: cohort.id, mode, role }),
    title: plain(mode === 'join' ? 'Join a program' : 'Your profile'),
    submit: plain(mode === 'join' ? 'Join' : 'Save'),
    close: plain('Cancel'),
    blocks,
  };
}
