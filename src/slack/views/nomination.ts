import type { KnownBlock } from '@slack/types';
import { type Cohort, TRACK_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import type { OutboxPayload } from '../../repositories/outbox';
import { EnrollIds } from '../ids';
import type { EphemeralMessage } from './help';
import { escapeMrkdwn, truncate } from './text';

const SECTION_MAX = 3000;

/** The DM a nominee gets: what the program is, its guidelines, and a Join button. Pure. */
export function nominationInvitation(cohort: Cohort, nominatedBy: string): OutboxPayload {
  const name = escapeMrkdwn(cohort.name);
  const dates =
    cohort.startsOn === ''
      ? ''
      : ` The program runs ${formatDate(cohort.startsOn)} – ${formatDate(cohort.endsOn)}${cohort.enrollmentClosesOn === '' ? '' : `; enrollment closes ${formatDate(cohort.enrollmentClosesOn)}`}.`;
  const blocks: KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*You have been nominated for ${name}* 🎉\n<@${nominatedBy}> nominated you for this leadership mentoring program: ${TRACK_LABELS[cohort.track]}.${dates}`,
      },
    },
  ];
  if (cohort.guidelines.trim() !== '') {
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(`*Program guidelines*\n${escapeMrkdwn(cohort.guidelines)}`, SECTION_MAX),
      },
    });
  }
  blocks.push(
    {
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: EnrollIds.joinButton,
          style: 'primary',
          text: { type: 'plain_text', text: 'Join' },
          value: cohort.slug,
        },
      ],
    },
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: 'Joining takes a few minutes: you answer some profile questions so we can find you a good match.',
        },
      ],
    },
  );
  return { text: `You have been nominated for ${cohort.name}`, blocks };
}

function people(userIds: readonly string[]): string {
  return userIds.map((id) => `<@${id}>`).join(', ');
}

/** The admin's answer to `/mentor admin nominate`. */
export function nominationReply(input: {
  cohort: Cohort;
  invited: readonly string[];
  alreadyNominated: readonly string[];
  alreadyEnrolled: readonly string[];
}): EphemeralMessage {
  const lines: string[] = [];
  const name = `*${escapeMrkdwn(input.cohort.name)}* (\`${input.cohort.slug}\`)`;
  if (input.invited.length > 0) {
    lines.push(
      `Nominated ${people(input.invited)} for ${name}. Each gets an invitation by DM with a Join button.`,
    );
  }
  if (input.alreadyNominated.length > 0) {
    lines.push(`Already nominated before, so no second invitation: ${people(input.alreadyNominated)}.`);
  }
  if (input.alreadyEnrolled.length > 0) {
    lines.push(`Nominated, but already enrolled, so no invitation: ${people(input.alreadyEnrolled)}.`);
  }
  const text = truncate(lines.join('\n'), SECTION_MAX);
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}
