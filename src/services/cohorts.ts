import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Cohort as CohortRow } from '../../db/schema';
import {
  type Cohort,
  type CohortSettings,
  type LifecycleAction,
  type SettingsProblem,
  transition,
  validateCohortSettings,
} from '../domain/cohorts';
import { defaultQuestionBank, type QuestionOption, skillOptions } from '../domain/questions';
import { insertAuditEntry } from '../repositories/audit';
import {
  countEnrollments,
  findCohortById,
  findCohortBySlug,
  insertCohort,
  listCohorts,
  updateCohort,
} from '../repositories/cohorts';
import { insertQuestions, listQuestions } from '../repositories/questions';
import type { ServiceDeps } from './deps';

export type SettingsOutcome = { ok: true; cohort: Cohort } | { ok: false; problems: SettingsProblem[] };
export type ActionOutcome = { ok: true; cohort: Cohort } | { ok: false; reason: string };

export function toCohort(row: CohortRow): Cohort {
  return {
    id: row.id,
    slug: row.slug,
    name: row.name,
    track: row.track,
    state: row.state,
    groupSize: row.group_size,
    enrollmentOpensOn: row.enrollment_opens_on ?? '',
    enrollmentClosesOn: row.enrollment_closes_on ?? '',
    startsOn: row.starts_on ?? '',
    endsOn: row.ends_on ?? '',
    defaultCadence: row.default_cadence,
    announcementChannelId: row.announcement_channel_id,
    guidelines: row.guidelines,
    surveyMidpoint: row.survey_midpoint === 1,
    surveyEnd: row.survey_end === 1,
    nominatedOnly: row.nominated_only === 1,
    minOverlapHours: row.min_overlap_hours,
    reverseSkills: parseReverseSkills(row.reverse_skills),
  };
}

const skillValues = z.array(z.string());

/** The stored list, or none when the column holds something unreadable (any skill counts). */
function parseReverseSkills(text: string): string[] {
  try {
    const parsed = skillValues.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

function settingsColumns(s: CohortSettings) {
  return {
    slug: s.slug,
    name: s.name.trim(),
    track: s.track,
    group_size: s.track === 'group' ? s.groupSize : null,
    enrollment_opens_on: s.enrollmentOpensOn,
    enrollment_closes_on: s.enrollmentClosesOn,
    starts_on: s.startsOn,
    ends_on: s.endsOn,
    default_cadence: s.defaultCadence,
    announcement_channel_id: s.announcementChannelId,
    guidelines: s.guidelines,
    survey_midpoint: s.surveyMidpoint ? 1 : 0,
    survey_end: s.surveyEnd ? 1 : 0,
    nominated_only: s.nominatedOnly ? 1 : 0,
    min_overlap_hours: s.minOverlapHours,
    reverse_skills: JSON.stringify(s.track === 'reverse' ? [...new Set(s.reverseSkills)] : []),
  };
}

async function slugTaken(db: Db, slug: string, exceptId?: number): Promise<boolean> {
  const existing = await findCohortBySlug(db, slug);
  return existing !== undefined && existing.id !== exceptId;
}

const SLUG_TAKEN: SettingsProblem = {
  field: 'slug',
  message: 'Another cohort already uses this short name.',
};

/** Creates a draft cohort with its track's default question bank. */
export async function createCohort(
  deps: ServiceDeps,
  actorId: string,
  settings: CohortSettings,
): Promise<SettingsOutcome> {
  const problems = validateCohortSettings(settings);
  if (problems.length > 0) return { ok: false, problems };
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    if (await slugTaken(trx, settings.slug)) return { ok: false, problems: [SLUG_TAKEN] };
    const row = await insertCohort(trx, {
      ...settingsColumns(settings),
      created_by: actorId,
      created_at: at,
      updated_at: at,
    });
    await insertQuestions(trx, row.id, defaultQuestionBank(settings.track), at);
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'cohort.create',
      target: row.slug,
      outcome: 'ok',
      at,
    });
    return { ok: true, cohort: toCohort(row) };
  });
}

/**
 * Saves edited settings. The track shapes roles and questions, so it changes only while the
 * cohort is a draft with nobody enrolled.
 */
export async function editCohort(
  deps: ServiceDeps,
  actorId: string,
  cohortId: number,
  settings: CohortSettings,
): Promise<SettingsOutcome> {
  const problems = validateCohortSettings(settings);
  if (problems.length > 0) return { ok: false, problems };
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const current = await findCohortById(trx, cohortId);
    if (current === undefined)
      return { ok: false, problems: [{ field: 'name', message: 'This cohort no longer exists.' }] };
    if (await slugTaken(trx, settings.slug, cohortId)) return { ok: false, problems: [SLUG_TAKEN] };
    if (settings.track !== current.track) {
      const enrolled = (await countEnrollments(trx, [cohortId])).reduce((n, c) => n + c.count, 0);
      if (current.state !== 'draft' || enrolled > 0) {
        return {
          ok: false,
          problems: [
            {
              field: 'track',
              message: 'The track can change only while the cohort is a draft with nobody enrolled.',
            },
          ],
        };
      }
    }
    await updateCohort(trx, cohortId, { ...settingsColumns(settings), updated_at: at });
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'cohort.edit',
      target: settings.slug,
      outcome: 'ok',
      at,
    });
    const saved = await findCohortById(trx, cohortId);
    return saved === undefined ? { ok: false, problems: [] } : { ok: true, cohort: toCohort(saved) };
  });
}

/** Moves a cohort through its lifecycle (open/close enrollment, activate, complete), audited. */
export async function changeCohortState(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
  action: LifecycleAction,
): Promise<ActionOutcome> {
  const at = deps.clock().toISOString();
  return deps.db.transaction().execute(async (trx) => {
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
    const counts = await countEnrollments(trx, [row.id]);
    const active = counts.filter((c) => c.state !== 'withdrawn');
    const result = transition(action, {
      state: row.state,
      mentees: active.filter((c) => c.role === 'mentee').reduce((n, c) => n + c.count, 0),
      mentors: active.filter((c) => c.role === 'mentor').reduce((n, c) => n + c.count, 0),
    });
    const auditRecord = { actorUserId: actorId, action: `cohort.${action}`, target: slug, at } as const;
    if (!result.ok) {
      await insertAuditEntry(trx, { ...auditRecord, outcome: 'failed', details: { reason: result.reason } });
      return result;
    }
    await updateCohort(trx, row.id, { state: result.to, updated_at: at });
    await insertAuditEntry(trx, {
      ...auditRecord,
      outcome: 'ok',
      details: { from: row.state, to: result.to },
    });
    return { ok: true, cohort: { ...toCohort(row), state: result.to } };
  });
}

export interface CohortSummary {
  readonly cohort: Cohort;
  readonly mentors: number;
  readonly mentees: number;
  readonly withdrawn: number;
}

export async function listCohortSummaries(db: Db): Promise<CohortSummary[]> {
  const rows = await listCohorts(db);
  const counts = await countEnrollments(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((row) => {
    const mine = counts.filter((c) => c.cohortId === row.id);
    const sum = (pred: (c: (typeof mine)[number]) => boolean) =>
      mine.filter(pred).reduce((n, c) => n + c.count, 0);
    return {
      cohort: toCohort(row),
      mentors: sum((c) => c.role === 'mentor' && c.state !== 'withdrawn'),
      mentees: sum((c) => c.role === 'mentee' && c.state !== 'withdrawn'),
      withdrawn: sum((c) => c.state === 'withdrawn'),
    };
  });
}

/** The skills a new cohort's questions will offer, for the cohort modal. */
export function newCohortSkills(): QuestionOption[] {
  return skillOptions(defaultQuestionBank('reverse'));
}

/** A cohort with the skills its questions offer now, for the cohort modal. */
export async function findCohortForEditing(
  db: Db,
  slug: string,
): Promise<{ cohort: Cohort; skills: QuestionOption[] } | undefined> {
  const row = await findCohortBySlug(db, slug);
  if (row === undefined) return undefined;
  return { cohort: toCohort(row), skills: skillOptions(await listQuestions(db, row.id)) };
}

export async function findCohort(db: Db, slug: string): Promise<Cohort | undefined> {
  const row = await findCohortBySlug(db, slug);
  return row === undefined ? undefined : toCohort(row);
}

/** Cohorts taking enrollments now. */
export async function listOpenCohorts(db: Db): Promise<Cohort[]> {
  return (await listCohorts(db, ['enrolling'])).map(toCohort);
}
