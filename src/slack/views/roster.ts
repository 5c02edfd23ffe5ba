import type { KnownBlock } from '@slack/types';
import { ROLE_LABELS } from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import type { Roster } from '../../services/roster';
import type { EphemeralMessage } from './help';
import { chunkLines, escapeMrkdwn, truncate } from './text';

const STATES = ['enrolled', 'matched', 'completed', 'withdrawn'] as const;
/** Nominees listed by name; the rest are counted. Keeps the message inside 50 blocks. */
const NOMINEES_SHOWN = 60;

function person(userId: string, name: string | null): string {
  return name === null ? `<@${userId}>` : `${escapeMrkdwn(name)} (<@${userId}>)`;
}

/** `/mentor admin roster`: counts by role and state, nominations, recent enrollments. Pure. */
export function rosterMessage(roster: Roster): EphemeralMessage {
  const { cohort } = roster;
  const roles = ROLE_LABELS[cohort.track];
  const countOf = (role: 'mentor' | 'mentee', state: string) =>
    roster.counts.filter((c) => c.role === role && c.state === state).reduce((n, c) => n + c.count, 0);
  const field = (role: 'mentor' | 'mentee') => ({
    type: 'mrkdwn' as const,
    text: `*${roles[role]}s*\n${STATES.map((s) => `${s}: ${countOf(role, s)}`).join(' · ')}`,
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: truncate(`Roster: ${cohort.name}`, 150) } },
    { type: 'section', fields: [field('mentor'), field('mentee')] },
    { type: 'divider' },
  ];

  const enrolled = roster.nominations.filter((n) => n.enrolled).length;
  const nominees = roster.nominations
    .slice(0, NOMINEES_SHOWN)
    .map(
      (n) =>
        `${n.enrolled ? '✓' : '·'} ${person(n.userId, n.name)}${n.enrolled ? '' : ' — not enrolled yet'}`,
    );
  if (roster.nominations.length > NOMINEES_SHOWN)
    nominees.push(`…and ${roster.nominations.length - NOMINEES_SHOWN} more`);
  const nominationText = [
    `*Nominations: ${roster.nominations.length}* (${enrolled} enrolled)`,
    ...(nominees.length === 0 ? ['_Nobody nominated._'] : nominees),
  ];
  for (const text of chunkLines(nominationText, 3000).slice(0, 4))
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text } });

  const recent = roster.recent.map(
    (m) =>
      `${person(m.userId, m.name)} · ${roles[m.role]} · ${m.state} · ${formatDate(m.enrolledAt.slice(0, 10))}`,
  );
  blocks.push(
    { type: 'divider' },
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: truncate(
          ['*Recent enrollments*', ...(recent.length === 0 ? ['_Nobody enrolled yet._'] : recent)].join('\n'),
          3000,
        ),
      },
    },
  );
  return { text: `Roster of ${cohort.name}`, blocks };
}
