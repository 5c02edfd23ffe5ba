import type { ModalView } from '@slack/types';
import { CHECK_IN_RULES as CHECK_IN_LIMITS } from '../../domain/check-ins';
import { CheckInIds } from '../ids';

const RATINGS = [
  ['5', '5 — Great'],
  ['4', '4 — Good'],
  ['3', '3 — OK'],
  ['2', '2 — Not great'],
  ['1', '1 — Poor'],
] as const;

/** The check-in modal; `pairingId` travels in private_metadata. */
export function checkInModal(input: { pairingId: number; today: string }): ModalView {
  const V = CheckInIds.value;
  return {
    type: 'modal',
    callback_id: CheckInIds.modal,
    private_metadata: JSON.stringify({ pairingId: input.pairingId }),
    title: { type: 'plain_text', text: 'Log a check-in' },
    submit: { type: 'plain_text', text: 'Save' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: CheckInIds.date,
        label: { type: 'plain_text', text: 'When did you meet?' },
        element: { type: 'datepicker', action_id: V, initial_date: input.today },
      },
      {
        type: 'input',
        block_id: CheckInIds.duration,
        optional: true,
        label: { type: 'plain_text', text: 'How long (minutes)?' },
        element: {
          type: 'number_input',
          action_id: V,
          is_decimal_allowed: false,
          min_value: String(CHECK_IN_LIMITS.durationMin),
          max_value: String(CHECK_IN_LIMITS.durationMax),
        },
      },
      {
        type: 'input',
        block_id: CheckInIds.topics,
        optional: true,
        label: { type: 'plain_text', text: 'What did you talk about?' },
        hint: { type: 'plain_text', text: 'Visible to your pair and, in aggregate, to program admins.' },
        element: {
          type: 'plain_text_input',
          action_id: V,
          multiline: true,
          max_length: CHECK_IN_LIMITS.topicsMax,
        },
      },
      {
        type: 'input',
        block_id: CheckInIds.notes,
        optional: true,
        label: { type: 'plain_text', text: 'Private notes' },
        hint: { type: 'plain_text', text: 'Only you can ever see these.' },
        element: {
          type: 'plain_text_input',
          action_id: V,
          multiline: true,
          max_length: CHECK_IN_LIMITS.notesMax,
        },
      },
      {
        type: 'input',
        block_id: CheckInIds.rating,
        label: { type: 'plain_text', text: 'How did it go?' },
        element: {
          type: 'radio_buttons',
          action_id: V,
          options: RATINGS.map(([value, text]) => ({ value, text: { type: 'plain_text', text } })),
        },
      },
    ],
  };
}
