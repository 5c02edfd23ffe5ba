import type { HomeView, KnownBlock } from '@slack/types';
import { ROLE_LABELS, STATE_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import { type CohortHeadline, combineHeadlines } from '../../domain/report-metrics';
import type { CohortSummary } from '../../services/cohorts';
import type { StatusEntry } from '../../services/enrollment';
import { ALL_COHORTS, CheckInIds, CohortIds, COMMAND, EnrollIds } from '../ids';
import { cohortActions } from './cohort-list';
import { escapeMrkdwn, truncate } from './text';

export interface HomeInput {
  readonly userId: string;
  readonly entries: readonly StatusEntry[];
  readonly anyOpenCohort: boolean;
  /** Present for admins only. */
  readonly admin?: {
    readonly cohorts: readonly CohortSummary[];
    /** Match rate and active pairs by cohort id; a cohort without one shows no summary line. */
    readonly headlines?: ReadonlyMap<number, CohortHeadline>;
  };
}

/** Slack allows 100 blocks on the Home tab; keep headroom for the fixed parts. */
const HOME_BLOCKS_MAX = 100;

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } };
}

function memberBlocks(input: HomeInput): KnownBlock[] {
  const blocks: KnownBlock[] = [{ type: 'header', text: { type: 'plain_text', text: 'Your mentoring' } }];
  const current = input.entries.filter((e) => e.state !== 'withdrawn');
  if (current.length === 0) {
    blocks.push(section("You're not in a mentoring program yet."));
  }
  for (const entry of current) {
    const roles = ROLE_LABELS[entry.cohort.track];
    blocks.push(section(`*${escapeMrkdwn(entry.cohort.name)}* · you are ${roles[entry.role].toLowerCase()}`));
    if (entry.pairings.length === 0) {
      blocks.push({
        type: 'context',
        elements: [
          {
            type: 'mrkdwn',
            text: `Waiting for matching (${STATE_LABELS[entry.cohort.state].toLowerCase()}). Program starts ${formatDate(entry.cohort.startsOn)}.`,
          },
        ],
      });
    }
    for (const p of entry.pairings) {
      const others = p.members
        .filter((m) => m.userId !== input.userId)
        .map((m) => `<@${m.userId}> (${roles[m.role].toLowerCase()})`);
      const reasons = p.reasons.slice(0, 4).map((r) => `• ${escapeMrkdwn(r)}`);
      const next =
        p.state === 'paused'
          ? 'Check-ins paused'
          : p.nextNudgeOn
            ? `Next check-in ${formatDate(p.nextNudgeOn)}`
            : 'Check-ins not scheduled yet';
      const met = p.lastMetOn
        ? `last met ${formatDate(p.lastMetOn)} (${p.checkIns} check-in${p.checkIns === 1 ? '' : 's'})`
        : 'no check-ins yet';
      blocks.push(
        section(
          [
            `With ${others.join(', ')}`,
            ...(reasons.length > 0 ? ['*Why you were matched*', ...reasons] : []),
            `${next} · ${met}`,
          ].join('\n'),
        ),
      );
      blocks.push({
        type: 'actions',
        block_id: `home_pairing_${p.id}`,
        elements: [
          {
            type: 'button',
            action_id: CheckInIds.logMeeting,
            text: { type: 'plain_text', text: 'Log a check-in' },
            value: String(p.id),
          },
        ],
      });
    }
  }
  const buttons: KnownBlock = {
    type: 'actions',
    block_id: 'home_member_actions',
    elements: [
      ...(input.anyOpenCohort
        ? [
            {
              type: 'button' as const,
              action_id: EnrollIds.joinButton,
              style: 'primary' as const,
              text: { type: 'plain_text' as const, text: 'Join a program' },
              value: '',
            },
          ]
        : []),
      ...(current.length > 0
        ? [
            {
              type: 'button' as const,
              action_id: EnrollIds.editProfile,
              text: { type: 'plain_text' as const, text: 'Edit profile' },
              value: 'profile',
            },
            ...current.slice(0, 3).map((e) => ({
              type: 'button' as const,
              action_id: EnrollIds.leaveConfirm,
              text: { type: 'plain_text' as const, text: truncate(`Leave ${e.cohort.name}`, 75) },
              value: String(e.enrollmentId),
              confirm: {
                title: { type: 'plain_text' as const, text: 'Leave the program?' },
                text: {
                  type: 'mrkdwn' as const,
                  text: 'Your partner(s) and the program admins will be told, and your self-identification answers are deleted.',
                },
                confirm: { type: 'plain_text' as const, text: 'Leave' },
                deny: { type: 'plain_text' as const, text: 'Stay' },
                style: 'danger' as const,
              },
            })),
          ]
        : []),
    ],
  };
  if (buttons.type === 'actions' && buttons.elements.length > 0) blocks.push(buttons);
  return blocks;
}

function headlineText(headline: CohortHeadline | undefined): string {
  if (headline === undefined) return '';
  const rate = headline.matchRate === null ? 'n/a' : `${Math.round(headline.matchRate * 100)}%`;
  return `\nMatched ${rate} · active pairs ${headline.activePairs} of ${headline.livePairs}`;
}

function adminBlocks(
  cohorts: readonly CohortSummary[],
  headlines: ReadonlyMap<number, CohortHeadline>,
  budget: number,
): KnownBlock[] {
  const blocks: KnownBlock[] = [
    { type: 'divider' },
    { type: 'header', text: { type: 'plain_text', text: 'Program admin' } },
    section(
      `Create a cohort with \`${COMMAND} admin cohort new\`; see every command with \`${COMMAND} admin\`.`,
    ),
  ];
  if (cohorts.length > 1) {
    const all = combineHeadlines(
      cohorts.map((c) => headlines.get(c.cohort.id)).filter((h) => h !== undefined),
    );
    blocks.push({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `*All cohorts* · ${all.enrolled} enrollments${headlineText(all)}`,
      },
      accessory: {
        type: 'button',
        action_id: CohortIds.report,
        text: { type: 'plain_text', text: 'Report' },
        value: ALL_COHORTS,
      },
    });
  }
  const perCohort = 2;
  const fits = Math.max(0, Math.floor((budget - blocks.length - 1) / perCohort));
  for (const { cohort, mentors, mentees, withdrawn } of cohorts.slice(0, fits)) {
    const roles = ROLE_LABELS[cohort.track];
    blocks.push(
      section(
        `*${escapeMrkdwn(cohort.name)}* \`${cohort.slug}\` · ${STATE_LABELS[cohort.state]}\n${roles.mentor}s ${mentors} · ${roles.mentee}s ${mentees}${withdrawn > 0 ? ` · left ${withdrawn}` : ''}${headlineText(headlines.get(cohort.id))}`,
      ),
      cohortActions(cohort, `home_cohort_${cohort.id}`),
    );
  }
  if (cohorts.length > fits) {
    blocks.push({
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${cohorts.length - fits} older cohorts not shown; \`${COMMAND} admin cohort list\` lists them all.`,
        },
      ],
    });
  }
  return blocks;
}

/** The App Home tab: the member's programs and match, and for admins their cohorts. Pure. */
export function homeView(input: HomeInput): HomeView {
  const member = memberBlocks(input).slice(0, HOME_BLOCKS_MAX - (input.admin ? 20 : 0));
  const blocks = input.admin
    ? [
        ...member,
        ...adminBlocks(
          input.admin.cohorts,
          input.admin.headlines ?? new Map(),
          HOME_BLOCKS_MAX - member.length,
        ),
      ]
    : member;
  return { type: 'home', blocks: blocks.slice(0, HOME_BLOCKS_MAX) };
}
