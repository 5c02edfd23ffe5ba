import type { ModalView, PlainTextOption } from '@slack/types';
import { SURVEY_RULES } from '../../domain/check-ins';
import { SurveyIds } from '../ids';
import { escapeMrkdwn } from './text';

function scale(from: number, to: number, labels: Readonly<Record<number, string>> = {}): PlainTextOption[] {
  const options: PlainTextOption[] = [];
  for (let n = to; n >= from; n--) {
    const label = labels[n];
    options.push({
      value: String(n),
      text: { type: 'plain_text', text: label ? `${n} — ${label}` : String(n) },
    });
  }
  return options;
}

/** The feedback survey; `surveyId` travels in private_metadata. */
export function surveyModal(input: { surveyId: number; cohortName: string }): ModalView {
  const V = SurveyIds.value;
  return {
    type: 'modal',
    callback_id: SurveyIds.modal,
    private_metadata: JSON.stringify({ surveyId: input.surveyId }),
    title: { type: 'plain_text', text: 'Feedback survey' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Later' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `How is *${escapeMrkdwn(input.cohortName)}* going for you? Reports only ever show answers in aggregate.`,
        },
      },
      {
        type: 'input',
        block_id: SurveyIds.satisfaction,
        label: { type: 'plain_text', text: 'How satisfied are you with the program?' },
        element: {
          type: 'radio_buttons',
          action_id: V,
          options: scale(1, 5, { 5: 'Very satisfied', 1: 'Not at all' }),
        },
      },
      {
        type: 'input',
        block_id: SurveyIds.goalProgress,
        label: { type: 'plain_text', text: 'How much progress have you made on your goals?' },
        element: { type: 'radio_buttons', action_id: V, options: scale(1, 5, { 5: 'A lot', 1: 'None yet' }) },
      },
      {
        type: 'input',
        block_id: SurveyIds.nps,
        label: { type: 'plain_text', text: 'How likely are you to recommend the program to a colleague?' },
        element: {
          type: 'static_select',
          action_id: V,
          placeholder: { type: 'plain_text', text: '0 (not at all) to 10 (extremely)' },
          options: scale(0, 10),
        },
      },
      {
        type: 'input',
        block_id: SurveyIds.leadership,
        label: { type: 'plain_text', text: 'Are you more interested in a leadership role than before?' },
        element: {
          type: 'radio_buttons',
          action_id: V,
          options: [
            { value: 'yes', text: { type: 'plain_text', text: 'Yes' } },
            { value: 'no', text: { type: 'plain_text', text: 'No' } },
            { value: 'unsure', text: { type: 'plain_text', text: 'Not sure' } },
          ],
        },
      },
      {
        type: 'input',
        block_id: SurveyIds.comments,
        optional: true,
        label: { type: 'plain_text', text: 'Anything else? (confidential)' },
        hint: { type: 'plain_text', text: 'Nobody sees your comments with your name on them.' },
        element: {
          type: 'plain_text_input',
          action_id: V,
          multiline: true,
          max_length: SURVEY_RULES.commentsMax,
        },
      },
    ],
  };
}
