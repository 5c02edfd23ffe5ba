import type { KnownBlock } from '@slack/types';
import {
  CADENCE_LABELS,
  type Cadence,
  type Cohort,
  ROLE_LABELS,
  type Role,
  STATE_LABELS,
} from '../../domain/cohorts';
import { formatDate } from '../../domain/dates';
import type { AnswerValue, Question } from '../../domain/questions';
import type { OutboxPayload } from '../../repositories/outbox';
import type { StatusEntry } from '../../services/enrollment';
import { COMMAND, EnrollIds } from '../ids';
import type { EphemeralMessage } from './help';
import { chunkLines, escapeMrkdwn, truncate } from './text';

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 3000) } };
}

function answerText(q: Question, value: AnswerValue): string {
  const values = typeof value === 'string' ? [value] : value;
  if (q.kind === 'user_select') return values.map((v) => `<@${v}>`).join(', ');
  if (q.kind === 'free_text') return escapeMrkdwn(values[0] ?? '');
  return values.map((v) => escapeMrkdwn(q.options.find((o) => o.value === v)?.label ?? v)).join(', ');
}

/**
 * The DM after joining: a summary of the answers (self-identification is never repeated in a
 * message), the guidelines, and what happens next with dates.
 */
export function enrollmentConfirmation(saved: {
  cohort: Cohort;
  role: Role;
  questions: readonly Question[];
  answers: ReadonlyMap<string, AnswerValue>;
}): OutboxPayload {
  const { cohort, role } = saved;
  const label = ROLE_LABELS[cohort.track][role];
  const summary = saved.questions
    .filter((q) => !q.sensitive)
    .flatMap((q) => {
      const value = saved.answers.get(q.key);
      return value === undefined || value.length === 0
        ? []
        : [`• *${escapeMrkdwn(q.label)}* ${answerText(q, value)}`];
    });
  const blocks: KnownBlock[] = [
    section(`:tada: You're in *${escapeMrkdwn(cohort.name)}* as *${label}*.`),
    ...chunkLines(['*Your answers*', ...summary], 3000).map(section),
  ];
  if (saved.questions.some((q) => q.sensitive)) {
    blocks.push({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Self-identification answers are private: only aggregate reports use them.' },
      ],
    });
  }
  if (cohort.guidelines !== '') blocks.push(section(`*Guidelines*\n${escapeMrkdwn(cohort.guidelines)}`));
  blocks.push(
    section(
      [
        '*What happens next*',
        `• Enrollment closes ${formatDate(cohort.enrollmentClosesOn)}; then the program team proposes matches.`,
        `• You'll get an introduction in a group DM before the program starts on ${formatDate(cohort.startsOn)}.`,
        `• Change your answers any time before matching with \`${COMMAND} profile\`; see where things stand with \`${COMMAND} status\`.`,
      ].join('\n'),
    ),
  );
  return { text: `You're in ${cohort.name} as ${label}.`, blocks };
}

export function noOpenCohortMessage(adminUserIds: readonly string[]): EphemeralMessage {
  const who =
    adminUserIds.length > 0
      ? `The program is run by ${adminUserIds.map((id) => `<@${id}>`).join(', ')}; ask them when the next cohort opens.`
      : 'Ask your people team when the next cohort opens.';
  return {
    text: 'No mentoring program is open for enrollment right now.',
    blocks: [section(`No mentoring program is open for enrollment right now. ${who}`)],
  };
}

function pairingLine(entry: StatusEntry, pairing: StatusEntry['pairings'][number], userId: string): string {
  const roles = ROLE_LABELS[entry.cohort.track];
  const others = pairing.members
    .filter((m) => m.userId !== userId)
    .map(
      (m) =>
        `${escapeMrkdwn(pairing.names.get(m.userId) ?? m.userId)} (<@${m.userId}>, ${roles[m.role].toLowerCase()})`,
    );
  const cadence = CADENCE_LABELS[pairing.cadence as Cadence] ?? pairing.cadence;
  const next =
    pairing.state === 'paused'
      ? 'check-ins paused'
      : pairing.nextNudgeOn === null
        ? `${cadence.toLowerCase()} check-ins`
        : `next check-in ${formatDate(pairing.nextNudgeOn)}`;
  const met = pairing.lastMetOn === null ? 'not met yet' : `last met ${formatDate(pairing.lastMetOn)}`;
  return `With ${others.join(', ')} · ${next} · ${met}`;
}

/** `/mentor status`: each enrollment, its state, the pair or group, the next check-in. */
export function statusMessage(entries: readonly StatusEntry[], userId: string): EphemeralMessage {
  if (entries.length === 0) {
    const text = `You're not in a mentoring program yet. Join one with \`${COMMAND} join\`.`;
    return { text, blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: 'Your mentoring programs' } },
  ];
  for (const entry of entries.slice(0, 20)) {
    const roles = ROLE_LABELS[entry.cohort.track];
    const state =
      entry.state === 'withdrawn'
        ? 'you left this program'
        : entry.pairings.length > 0
          ? 'matched'
          : `enrolled, waiting for matching (${STATE_LABELS[entry.cohort.state].toLowerCase()})`;
    const lines = [
      `*${escapeMrkdwn(entry.cohort.name)}* · ${roles[entry.role]} · ${state}`,
      ...entry.pairings.map((p) => pairingLine(entry, p, userId)),
    ];
    blocks.push(section(lines.join('\n')));
  }
  return { text: `You're in ${entries.length} program(s).`, blocks };
}

/** Asks before leaving: one confirm button per program (value = enrollment id). */
export function leaveConfirmMessage(entries: readonly StatusEntry[]): EphemeralMessage {
  const active = entries.filter((e) => e.state !== 'withdrawn' && e.state !== 'completed');
  if (active.length === 0) {
    const text = "You're not enrolled in any program, so there is nothing to leave.";
    return { text, blocks: [section(text)] };
  }
  const blocks: KnownBlock[] = [
    section(
      'Leaving ends your part in the program. Your partner(s) and the program admins will be told, and your self-identification answers are deleted. You can join again while enrollment is open.',
    ),
  ];
  for (const entry of active.slice(0, 20)) {
    blocks.push({
      type: 'actions',
      block_id: `leave_${entry.enrollmentId}`,
      elements: [
        {
          type: 'button',
          action_id: EnrollIds.leaveConfirm,
          style: 'danger',
          text: { type: 'plain_text', text: truncate(`Leave ${entry.cohort.name}`, 75) },
          value: String(entry.enrollmentId),
        },
        {
          type: 'button',
          action_id: EnrollIds.leaveCancel,
          text: { type: 'plain_text', text: 'Stay' },
          value: String(entry.enrollmentId),
        },
      ],
    });
  }
  return { text: 'Do you want to leave?', blocks };
}

export function partnerLeftNotice(name: string, cohort: Cohort): OutboxPayload {
  const text = `${escapeMrkdwn(name)} has left *${escapeMrkdwn(cohort.name)}*. Thank you for the time you spent together; a program admin will be in touch about what happens next.`;
  return { text, blocks: [section(text)] };
}

export function adminLeftNotice(name: string, cohort: Cohort): OutboxPayload {
  const text = `${escapeMrkdwn(name)} left *${escapeMrkdwn(cohort.name)}* (\`${cohort.slug}\`). Their partner(s) were told and may need a new match.`;
  return { text, blocks: [section(text)] };
}
