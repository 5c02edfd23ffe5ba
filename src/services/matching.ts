import { createHash, randomInt } from 'node:crypto';
import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../db/connection';
import type { Cadence, Cohort as CohortRow } from '../../db/schema';
import { spreadsheetSafe } from '../domain/cohort-export';
import { CADENCES, type Cohort } from '../domain/cohorts';
import { isoDate } from '../domain/dates';
import { canonicalMatchingInput, matchingRules, toParticipant } from '../domain/match-input';
import {
  disclosedPair,
  type MatchingInput,
  MatchingInputError,
  type Participant,
  type Proposal,
  proposeMatches,
  scoreHistogram,
} from '../domain/matching';
import type { AnswerValue } from '../domain/questions';
import { safeZone } from '../domain/schedule';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import {
  findProposal,
  insertProposal,
  type ProposalRecord,
  type StoredProposal,
} from '../repositories/match-proposals';
import {
  answersOfEnrollments,
  listConstraints,
  type MatchingPerson,
  matchingPeople,
  previousPairs,
  reportingLines,
} from '../repositories/matching';
import { listQuestions } from '../repositories/questions';
import { writeTransaction } from '../repositories/transactions';
import { toCohort } from './cohorts';
import type { MatchingEngine, ServiceDeps } from './deps';

export type PreviewOutcome =
  { ok: true; cohort: Cohort; proposalId: number; proposal: StoredProposal } | { ok: false; reason: string };

export interface CohortMatchingData {
  readonly people: readonly MatchingPerson[];
  readonly participants: readonly Participant[];
  /** The cadence each person asked for, when they did. */
  readonly cadences: ReadonlyMap<string, Cadence>;
  readonly input: Omit<MatchingInput, 'participants' | 'seed'>;
}

/** Everything the engine needs about a cohort, read in one place for previews and rematches. */
export async function cohortMatchingData(db: Db, row: CohortRow): Promise<CohortMatchingData> {
  const questions = await listQuestions(db, row.id);
  const people = await matchingPeople(db, row.id);
  const answers = await answersOfEnrollments(
    db,
    people.map((p) => p.enrollmentId),
  );
  const byId = new Map(questions.map((q) => [q.id, q]));
  const cadences = new Map<string, Cadence>();
  const participants = people.map((person) => {
    const byKey = new Map<string, AnswerValue>();
    for (const [questionId, value] of answers.get(person.enrollmentId) ?? []) {
      const key = byId.get(questionId)?.key;
      if (key !== undefined) byKey.set(key, value);
    }
    const cadence = CADENCES.find((c) => c === byKey.get('cadence'));
    if (cadence !== undefined) cadences.set(person.userId, cadence);
    return toParticipant({ ...person, timezone: safeZone(person.tz), answers: byKey }, questions);
  });
  const roles = new Set(participants.map((p) => `${p.role}:${p.id}`));
  const present = (id: string, role: 'mentor' | 'mentee') => roles.has(`${role}:${id}`);
  const ids = new Set(participants.map((p) => p.id));
  const managers = new Set(participants.flatMap((p) => (p.managerId === null ? [] : [p.managerId])));
  const constraints = await listConstraints(db, row.id);
  const cohort = toCohort(row);
  return {
    people,
    participants,
    cadences,
    input: {
      rules: matchingRules(
        {
          track: row.track,
          groupSize: row.group_size,
          startsOn: row.starts_on ?? isoDate(new Date(row.created_at)),
          endsOn: row.ends_on,
          minOverlapHours: cohort.minOverlapHours,
          reverseSkills: cohort.reverseSkills,
        },
        questions,
      ),
      // Pins of people who have since left would make the input invalid; they simply lapse.
      pinned: constraints
        .filter((c) => c.kind === 'pin' && present(c.mentorId, 'mentor') && present(c.menteeId, 'mentee'))
        .map(({ mentorId, menteeId }) => ({ mentorId, menteeId })),
      forbidden: constraints
        .filter((c) => c.kind === 'forbid')
        .flatMap(({ mentorId: a, menteeId: b }) => [
          { mentorId: a, menteeId: b },
          { mentorId: b, menteeId: a },
        ]),
      // Only what can apply to this cohort, so the preview's fingerprint ignores the rest of the org.
      previous: (await previousPairs(db)).filter((p) => ids.has(p.mentorId) && ids.has(p.menteeId)),
      // Managers' managers are known from the manager answers people gave in any cohort.
      orgChart: (await reportingLines(db)).filter((line) => managers.has(line.id)),
    },
  };
}

/** Digest of the engine input, stored with a preview and checked again by Approve. */
export function inputFingerprint(data: CohortMatchingData): string {
  return createHash('sha256')
    .update(canonicalMatchingInput({ ...data.input, participants: data.participants }))
    .digest('hex');
}

/** The parts of a proposal an admin previews and Approve applies, with everyone's names. */
export function storeable(proposal: Proposal, participants: readonly Participant[]): StoredProposal {
  // Scores and reasons as people may see them: see `disclosedPair`.
  const pairs = proposal.pairs.map(disclosedPair);
  const scores = pairs.map((p) => p.score);
  return {
    track: proposal.track,
    pairs: pairs.map((p) => ({
      mentorId: p.mentorId,
      menteeId: p.menteeId,
      score: p.score,
      reasons: p.reasons.map((r) => ({
        code: r.code,
        points: r.points,
        text: r.text,
      })),
      pinned: p.pinned,
    })),
    unmatched: proposal.unmatched.map((u) => ({
      menteeId: u.menteeId,
      code: u.code,
      reason: u.reason,
    })),
    suggestions: proposal.suggestions.map((s) => ({ text: s.text })),
    warnings: [...proposal.warnings],
    stats: {
      mentees: proposal.stats.mentees,
      mentors: proposal.stats.mentors,
      matched: proposal.stats.matched,
      meanScore: scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length,
      certified: proposal.stats.certified,
      histogram: scoreHistogram(scores),
    },
    names: Object.fromEntries(participants.map((p) => [p.id, p.name])),
  };
}

/** The engine on the calling thread. */
export const inlineEngine: MatchingEngine = {
  propose: async (input) => proposeMatches(input),
};

/** Runs the engine on `input`, turning invalid input into a reason an admin can act on. */
export async function runEngine(
  deps: Pick<ServiceDeps, 'matching'>,
  input: MatchingInput,
): Promise<{ ok: true; proposal: Proposal } | { ok: false; reason: string; problems: number }> {
  try {
    return { ok: true, proposal: await (deps.matching ?? inlineEngine).propose(input) };
  } catch (error) {
    if (!(error instanceof MatchingInputError)) throw error;
    return {
      ok: false,
      reason: `The cohort cannot be matched as it stands:\n• ${error.problems.join('\n• ')}`,
      problems: error.problems.length,
    };
  }
}

/**
 * A dry run: computes a proposal with a fresh seed and stores it as the cohort's latest, which is
 * the only one Approve accepts. Nothing else changes.
 */
export async function previewMatches(
  deps: ServiceDeps,
  actorId: string,
  cohort: { slug: string } | { id: number },
): Promise<PreviewOutcome> {
  const row =
    'slug' in cohort
      ? await findCohortBySlug(deps.db, cohort.slug)
      : await findCohortById(deps.db, cohort.id);
  const refuse = async (reason: string, problems = 0): Promise<PreviewOutcome> => {
    await insertAuditEntry(deps.db, {
      actorUserId: actorId,
      action: 'match.preview',
      target: row?.slug ?? ('slug' in cohort ? cohort.slug : `#${cohort.id}`),
      outcome: 'failed',
      // The reason can name people; the count of input problems is enough for the log.
      details: problems > 0 ? { problems } : { state: row?.state ?? 'missing' },
      at: deps.clock().toISOString(),
    });
    return { ok: false, reason };
  };
  if (row === undefined) {
    return refuse(
      'slug' in cohort ? `There is no cohort called \`${cohort.slug}\`.` : 'That cohort no longer exists.',
    );
  }
  if (row.state !== 'matching') {
    return refuse(
      row.state === 'active' || row.state === 'completed'
        ? `*${row.name}* is already matched. To match a late joiner, use \`/mentor admin rematch ${row.slug} @person\`.`
        : `*${row.name}* is still ${row.state === 'draft' ? 'a draft' : 'enrolling'}. Close enrollment first: \`/mentor admin cohort close ${row.slug}\`.`,
    );
  }
  const data = await cohortMatchingData(deps.db, row);
  const seed = randomInt(0, 2 ** 32);
  const run = await runEngine(deps, {
    ...data.input,
    participants: data.participants,
    seed,
  });
  if (!run.ok) return refuse(run.reason, run.problems);
  const proposal = storeable(run.proposal, data.participants);
  const at = deps.clock().toISOString();
  const proposalId = await writeTransaction(deps.db, async (trx) => {
    const id = await insertProposal(trx, {
      cohortId: row.id,
      seed,
      proposal,
      inputFingerprint: inputFingerprint(data),
      createdBy: actorId,
      at,
    });
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'match.preview',
      target: row.slug,
      outcome: 'ok',
      details: {
        proposal: id,
        seed,
        matched: proposal.stats.matched,
        unmatched: proposal.unmatched.length,
      },
      at,
    });
    return id;
  });
  return { ok: true, cohort: toCohort(row), proposalId, proposal };
}

export type StoredOutcome =
  { ok: true; cohort: Cohort; record: ProposalRecord } | { ok: false; reason: string };

/** A stored proposal with its cohort, for paging and the CSV. */
export async function storedProposalOf(db: Db, proposalId: number): Promise<StoredOutcome> {
  const record = await findProposal(db, proposalId);
  const row = record === undefined ? undefined : await findCohortById(db, record.cohortId);
  if (record === undefined || row === undefined)
    return { ok: false, reason: 'That preview no longer exists.' };
  return { ok: true, cohort: toCohort(row), record };
}

/**
 * One row per pair, then one per unmatched mentee with the reason, then the admin's suggestions
 * and warnings, so the file holds everything the preview showed. Names and reasons come from
 * Slack profiles and answers, so every cell is made inert for spreadsheets.
 */
export function proposalCsv(proposal: StoredProposal): string {
  const name = (id: string) => proposal.names[id] ?? id;
  const rows: string[][] = [
    ['mentor_id', 'mentor_name', 'mentee_id', 'mentee_name', 'score', 'pinned', 'reasons'],
  ];
  for (const p of proposal.pairs) {
    rows.push([
      p.mentorId,
      name(p.mentorId),
      p.menteeId,
      name(p.menteeId),
      String(p.score),
      p.pinned ? 'yes' : '',
      p.reasons.map((r) => r.text).join('; '),
    ]);
  }
  for (const u of proposal.unmatched)
    rows.push(['', '', u.menteeId, name(u.menteeId), '', '', `unmatched: ${u.reason}`]);
  for (const s of proposal.suggestions) rows.push(['', '', '', '', '', '', `suggestion: ${s.text}`]);
  for (const w of proposal.warnings) rows.push(['', '', '', '', '', '', `warning: ${w}`]);
  return stringify(
    rows.map((row) => row.map(spreadsheetSafe)),
    { bom: true, record_delimiter: 'windows' },
  );
}

export type CsvOutcome =
  { ok: true; filename: string; csv: string; cohort: Cohort } | { ok: false; reason: string };

export async function proposalExport(
  deps: ServiceDeps,
  actorId: string,
  proposalId: number,
): Promise<CsvOutcome> {
  const found = await storedProposalOf(deps.db, proposalId);
  if (!found.ok) return found;
  await insertAuditEntry(deps.db, {
    actorUserId: actorId,
    action: 'match.export',
    target: found.cohort.slug,
    outcome: 'ok',
    details: { proposal: proposalId },
    at: deps.clock().toISOString(),
  });
  return {
    ok: true,
    cohort: found.cohort,
    csv: proposalCsv(found.record.proposal),
    filename: `${found.cohort.slug}-match-${proposalId}.csv`,
  };
}
