import type { KnownBlock } from '@slack/types';
import { type Cohort, ROLE_LABELS, STATE_LABELS, TRACK_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import type { CohortSummary } from '../../services/cohorts';
import { CohortIds } from '../ids';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn } from './text';

/** Each cohort takes 3 blocks; 15 cohorts keep a message well inside Slack's 50 blocks. */
export const COHORT_LIST_MAX = 15;

export function cohortListMessage(summaries: readonly CohortSummary[]): EphemeralMessage {
  if (summaries.length === 0) {
    const text = 'There are no cohorts yet. Create one with `/mentor admin cohort new`.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const shown = summaries.slice(0, COHORT_LIST_MAX);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Cohorts (${summaries.length})` } },
  ];
  for (const { cohort, mentors, mentees, withdrawn } of shown) {
    const roles = ROLE_LABELS[cohort.track];
    blocks.push(
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: [
            `*${escapeMrkdwn(cohort.name)}* \`${cohort.slug}\` · ${STATE_LABELS[cohort.state]}`,
            `${TRACK_LABELS[cohort.track]}`,
            `${roles.mentor}s: ${mentors} · ${roles.mentee}s: ${mentees}${withdrawn > 0 ? ` · left: ${withdrawn}` : ''}`,
            cohort.enrollmentOpensOn === ''
              ? ''
              : `Enrollment ${formatDate(cohort.enrollmentOpensOn)} – ${formatDate(cohort.enrollmentClosesOn)} · program ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}`,
          ]
            .filter((line) => line !== '')
            .join('\n'),
        },
      },
      cohortActions(cohort, `cohort_actions_${cohort.id}`),
      { type: 'divider' },
    );
  }
  if (summaries.length > shown.length) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: `Showing the ${shown.length} newest of ${summaries.length} cohorts.` },
      ],
    });
  }
  return { text: `Cohorts: ${summaries.map((s) => s.cohort.slug).join(', ')}`, blocks };
}

/** The admin buttons for one cohort (edit, and the lifecycle move its state allows). */
export function cohortActions(cohort: Cohort, blockId: string): KnownBlock {
  const button = (actionId: string, text: string, primary = false) => ({
    type: 'button' as const,
    action_id: actionId,
    text: { type: 'plain_text' as const, text },
    value: cohort.slug,
    ...(primary ? { style: 'primary' as const } : {}),
  });
  return {
    type: 'actions',
    block_id: blockId,
    elements: [
      button(CohortIds.edit, 'Edit'),
      ...(cohort.state === 'draft' || cohort.state === 'matching'
        ? [button(CohortIds.open, 'Open enrollment', true)]
        : []),
      ...(cohort.state === 'enrolling' ? [button(CohortIds.close, 'Close enrollment')] : []),
      button(CohortIds.report, 'Report'),
    ],
  };
}
