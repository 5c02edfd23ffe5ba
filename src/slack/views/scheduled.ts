import type { KnownBlock } from '@slack/types';
import {
  CADENCE_LABELS,
  CADENCES,
  type Cadence,
  ROLE_LABELS,
  type Role,
  type Track,
} from '../../domain/cohorts';
import { CheckInIds, MatchIds, SurveyIds } from '../ids';
import { chunkLines, escapeMrkdwn, truncate } from './text';

/**
 * The messages scheduled work sends: introductions, check-in nudges, survey invitations,
 * wrap-ups. Pure functions of their inputs; the outbox stores what they return.
 */

export interface Message {
  readonly text: string;
  readonly blocks: KnownBlock[];
}

const SECTION_MAX = 3000;
const dateFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Monday 23 November 2026" for a YYYY-MM-DD date. */
export function longDate(date: string): string {
  return dateFormat.format(new Date(`${date}T12:00:00Z`));
}

function sections(lines: readonly string[]): KnownBlock[] {
  return chunkLines(lines, SECTION_MAX).map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }));
}

export const FIRST_MEETING_AGENDA = [
  'Introduce yourselves: your role, your path so far, what you enjoy outside work.',
  'Share what each of you hopes to get from the program, and agree on one or two goals.',
  'Agree how often and where you will meet (you can change the cadence from any check-in reminder).',
  'Agree what stays between you: notes and details shared here are confidential.',
  'Book the next meeting before you leave.',
];

export interface IntroductionInput {
  readonly pairingId: number;
  readonly cohortName: string;
  readonly track: Track;
  readonly members: readonly { readonly userId: string; readonly role: Role }[];
  readonly reasons: readonly string[];
  readonly guidelines: string;
}

export function introductionMessage(input: IntroductionInput): Message {
  const labels = ROLE_LABELS[input.track];
  const order: Role[] = ['mentor', 'mentee'];
  const who = [...input.members]
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role))
    .map((m) => `• <@${m.userId}> — ${labels[m.role]}`);
  const group = input.members.length > 2;
  const heading = group ? 'Meet your mentoring group' : 'Meet your mentoring partner';
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: heading } },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          `Welcome to *${escapeMrkdwn(input.cohortName)}*! You have been matched, and this conversation is yours.`,
          SECTION_MAX,
        ),
      },
    },
    ...sections(['*Who is who*', ...who]),
  ];
  if (input.reasons.length > 0) {
    blocks.push(
      ...sections([
        '*Why you were matched*',
        ...input.reasons.slice(0, 20).map((r) => `• ${escapeMrkdwn(r)}`),
      ]),
    );
  }
  if (input.guidelines.trim() !== '') {
    blocks.push(...sections(['*Program guidelines*', ...escapeMrkdwn(input.guidelines.trim()).split('\n')]));
  }
  blocks.push(
    ...sections([
      '*A suggested agenda for your first meeting*',
      ...FIRST_MEETING_AGENDA.map((a, i) => `${i + 1}. ${a}`),
    ]),
    {
      type: 'actions',
      block_id: CheckInIds.introActions,
      elements: [
        {
          type: 'button',
          action_id: CheckInIds.introMet,
          text: { type: 'plain_text', text: "We've met" },
          style: 'primary',
          value: String(input.pairingId),
        },
        {
          type: 'button',
          action_id: CheckInIds.needHelp,
          text: { type: 'plain_text', text: 'Need help' },
          value: String(input.pairingId),
        },
        {
          type: 'button',
          action_id: MatchIds.requestChange,
          text: { type: 'plain_text', text: 'Request a different match' },
          value: String(input.pairingId),
        },
      ],
    },
  );
  const names = who.map((line) => line.replace(/^• /, '')).join(', ');
  return { text: `${heading} in ${input.cohortName}: ${names}`, blocks: blocks.slice(0, 50) };
}

export function pairsFormedMessage(input: { cohortName: string; count: number }): Message {
  const noun = input.count === 1 ? 'pair' : 'pairs';
  const text = `${input.count} mentoring ${noun} formed in ${escapeMrkdwn(input.cohortName)}. Welcome, everyone!`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export interface NudgeInput {
  readonly pairingId: number;
  /** Last check-in, or the day the pair was formed. */
  readonly since: string;
  readonly cadence: Cadence;
}

export function nudgeMessage(input: NudgeInput): Message {
  const question = `Have you met since ${longDate(input.since)}?`;
  const value = String(input.pairingId);
  return {
    text: `Check-in time: ${question}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `:wave: *Check-in time.* ${question}` } },
      {
        type: 'actions',
        block_id: CheckInIds.nudgeActions,
        elements: [
          {
            type: 'button',
            action_id: CheckInIds.logMeeting,
            style: 'primary',
            text: { type: 'plain_text', text: 'Yes, log it' },
            value,
          },
          {
            type: 'button',
            action_id: CheckInIds.snooze,
            text: { type: 'plain_text', text: 'Not yet' },
            value,
          },
          {
            type: 'button',
            action_id: CheckInIds.needHelp,
            text: { type: 'plain_text', text: 'Need help' },
            value,
          },
          {
            type: 'static_select',
            action_id: CheckInIds.cadence,
            placeholder: { type: 'plain_text', text: 'Change cadence' },
            options: CADENCES.map((c) => ({
              text: { type: 'plain_text', text: CADENCE_LABELS[c] },
              value: `${value}:${c}`,
            })),
          },
          {
            type: 'button',
            action_id: CheckInIds.pause,
            text: { type: 'plain_text', text: 'Pause 4 weeks' },
            value,
          },
        ],
      },
      {
        type: 'context',
        elements: [
          { type: 'mrkdwn', text: `Your reminders come ${CADENCE_LABELS[input.cadence].toLowerCase()}.` },
        ],
      },
    ],
  };
}

export function mentorNudgeMessage(input: { since: string; menteeIds: readonly string[] }): Message {
  const mentees = input.menteeIds.map((id) => `<@${id}>`).join(', ');
  const text = `A gentle reminder: we have not seen a check-in with ${mentees || 'your mentee'} since ${longDate(input.since)}. A short catch-up keeps things moving. If something is in the way, the "Need help" button in your conversation reaches the program team.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function helpRequestMessage(input: {
  requesterId: string;
  pairingId: number;
  cohortName: string;
  memberIds: readonly string[];
}): Message {
  const members = input.memberIds.map((id) => `<@${id}>`).join(', ');
  const text = `:raising_hand: <@${input.requesterId}> asked for help with their mentoring pairing #${input.pairingId} in *${escapeMrkdwn(input.cohortName)}* (${members}). Please reach out to them.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

export function surveyInviteMessage(input: {
  surveyId: number;
  cohortName: string;
  kind: 'midpoint' | 'end';
  closesOn: string;
  reminder: boolean;
}): Message {
  const when = input.kind === 'midpoint' ? 'halfway through' : 'at the end of';
  const lead = input.reminder
    ? 'A friendly reminder: we would still love your feedback'
    : 'We would love your feedback';
  const text = `${lead} ${when} *${escapeMrkdwn(input.cohortName)}*. It takes two minutes, your comments are confidential, and the survey is open until ${longDate(input.closesOn)}.`;
  return {
    text: `${lead} on ${input.cohortName}.`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      {
        type: 'actions',
        block_id: SurveyIds.inviteActions,
        elements: [
          {
            type: 'button',
            action_id: SurveyIds.open,
            style: 'primary',
            text: { type: 'plain_text', text: 'Answer the survey' },
            value: String(input.surveyId),
          },
        ],
      },
    ],
  };
}

export function wrapUpMessage(input: { cohortName: string }): Message {
  const text = `*${escapeMrkdwn(input.cohortName)}* has come to an end. Thank you for the time and care you put into it. Take a moment together to look back at your goals, note what you will keep doing, and thank each other. You are welcome to keep meeting.`;
  return {
    text: `${input.cohortName} has come to an end: thank you!`,
    blocks: [
      { type: 'header', text: { type: 'plain_text', text: 'Thank you for mentoring' } },
      { type: 'section', text: { type: 'mrkdwn', text } },
    ],
  };
}

export function recognitionMessage(input: { cohortName: string; userIds: readonly string[] }): Message {
  const name = escapeMrkdwn(input.cohortName);
  const lines = [
    `:tada: *${name}* is complete. A big thank you to everyone who took part, and a special shout-out to:`,
    ...input.userIds.map((id) => `• <@${id}>`),
  ];
  return {
    text: `${input.cohortName} is complete: thank you to everyone who took part!`,
    blocks: sections(lines).slice(0, 50),
  };
}
