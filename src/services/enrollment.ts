import type { Cohort, Role } from '../domain/cohorts';
import {
  type AnswerValue,
  type Question,
  questionsFor,
  usedInMatching,
  validateAnswers,
} from '../domain/questions';
import { findCohortById } from '../repositories/cohorts';
import {
  answersOf,
  deleteAnswersTo,
  enrollmentsOfUser,
  findEnrollment,
  findEnrollmentById,
  isNominated,
  replaceAnswers,
  upsertEnrollment,
  withdrawEnrollment,
} from '../repositories/enrollments';
import { enqueueMessage, type OutboxPayload } from '../repositories/outbox';
import { leavePairing, pairingsOfUser, type PairingView } from '../repositories/pairings';
import { listQuestions } from '../repositories/questions';
import { displayNames, type UserProfile, upsertUser } from '../repositories/users';
import { listOpenCohorts, toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export type FormMode = 'join' | 'profile';

/** Everything the join/profile modal shows; the view renders it, the submission is checked against it. */
export interface EnrollmentForm {
  readonly mode: FormMode;
  readonly cohorts: readonly Cohort[];
  readonly cohort: Cohort;
  readonly role: Role | null;
  readonly questions: readonly Question[];
  /** Current answers by question key. */
  readonly answers: ReadonlyMap<string, AnswerValue>;
  readonly matchOnSensitive: boolean;
  readonly recognitionOptIn: boolean;
  /** Mentee enrollment needs a nomination in this cohort, and this person has none. */
  readonly menteeNeedsNomination: boolean;
  /** Question keys shown read-only: the cohort is matched and these answers shaped the match. */
  readonly locked: ReadonlySet<string>;
}

export type FormOutcome =
  { ok: true; form: EnrollmentForm } | { ok: false; reason: 'no_open_cohort' | 'not_enrolled' };

/** Once matched, the answers the match was based on stay as they were (profile edits only). */
function lockedKeys(
  mode: FormMode,
  cohort: Cohort,
  enrollmentState: string | undefined,
  questions: readonly Question[],
): Set<string> {
  const matched = cohort.state === 'active' || cohort.state === 'completed' || enrollmentState === 'matched';
  return new Set(mode === 'profile' && matched ? questions.filter(usedInMatching).map((q) => q.key) : []);
}

async function buildForm(
  deps: ServiceDeps,
  userId: string,
  mode: FormMode,
  cohorts: readonly Cohort[],
  cohortId: number | undefined,
  roleOverride: Role | undefined,
): Promise<EnrollmentForm | undefined> {
  const cohort = cohorts.find((c) => c.id === cohortId) ?? cohorts[0];
  if (cohort === undefined) return undefined;
  const [questions, enrollment, nominated] = await Promise.all([
    listQuestions(deps.db, cohort.id),
    findEnrollment(deps.db, cohort.id, userId),
    isNominated(deps.db, cohort.id, userId),
  ]);
  const byId =
    enrollment === undefined ? new Map<number, AnswerValue>() : await answersOf(deps.db, enrollment.id);
  const answers = new Map<string, AnswerValue>();
  for (const q of questions) {
    const value = byId.get(q.id);
    if (value !== undefined) answers.set(q.key, value);
  }
  return {
    mode,
    cohorts,
    cohort,
    role: roleOverride ?? enrollment?.role ?? null,
    questions,
    answers,
    matchOnSensitive: enrollment?.matchOnSensitive ?? false,
    recognitionOptIn: enrollment?.recognitionOptIn ?? false,
    menteeNeedsNomination: cohort.nominatedOnly && !nominated,
    locked: lockedKeys(mode, cohort, enrollment?.state, questions),
  };
}

/** The join form: cohorts open for enrollment, prefilled when the person already enrolled. */
export async function loadJoinForm(
  deps: ServiceDeps,
  userId: string,
  selection: { cohortId?: number; role?: Role } = {},
): Promise<FormOutcome> {
  const open = await listOpenCohorts(deps.db);
  const form = await buildForm(deps, userId, 'join', open, selection.cohortId, selection.role);
  return form === undefined ? { ok: false, reason: 'no_open_cohort' } : { ok: true, form };
}

/** The profile form: the person's current programs, answers prefilled. */
export async function loadProfileForm(
  deps: ServiceDeps,
  userId: string,
  selection: { cohortId?: number } = {},
): Promise<FormOutcome> {
  const mine = (await enrollmentsOfUser(deps.db, userId)).filter(
    (e) => e.state !== 'withdrawn' && e.state !== 'completed',
  );
  const cohorts: Cohort[] = [];
  for (const e of mine) {
    const row = await findCohortById(deps.db, e.cohortId);
    if (row !== undefined && row.state !== 'completed') cohorts.push(toCohort(row));
  }
  const form = await buildForm(deps, userId, 'profile', cohorts, selection.cohortId, undefined);
  return form === undefined ? { ok: false, reason: 'not_enrolled' } : { ok: true, form };
}

export interface Submission {
  readonly mode: FormMode;
  readonly userId: string;
  readonly cohortId: number;
  readonly role: Role | undefined;
  readonly answers: ReadonlyMap<string, AnswerValue>;
  readonly matchOnSensitive: boolean;
  readonly recognitionOptIn: boolean;
  /** From users.info; the service stores the name and time zone nudges are timed by. */
  readonly profile: UserProfile;
  /** The DM confirming a join, queued in the same transaction (not sent for profile edits). */
  readonly confirmation: (saved: {
    cohort: Cohort;
    role: Role;
    questions: readonly Question[];
    answers: ReadonlyMap<string, AnswerValue>;
  }) => OutboxPayload;
}

/** Field problems keyed by `cohort`, `role` or a question key. */
export type SubmitOutcome =
  | { ok: true; enrollmentId: number; cohort: Cohort; role: Role; created: boolean }
  | { ok: false; problems: { field: string; message: string }[] };

/**
 * Saves a join or profile submission, all or nothing: every rule is checked first (cohort still
 * open, nomination, answers), then the person, the enrollment and the answers are written in one
 * transaction with the confirmation DM queued in the outbox.
 */
export async function submitEnrollment(deps: ServiceDeps, input: Submission): Promise<SubmitOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<SubmitOutcome> => {
    const row = await findCohortById(trx, input.cohortId);
    if (row === undefined)
      return { ok: false, problems: [{ field: 'cohort', message: 'This cohort no longer exists.' }] };
    const cohort = toCohort(row);
    const existing = await findEnrollment(trx, cohort.id, input.userId);
    if (input.mode === 'join' && cohort.state !== 'enrolling') {
      return {
        ok: false,
        problems: [
          {
            field: 'cohort',
            message: `Enrollment for ${cohort.name} has closed. Ask a program admin if you still want to take part.`,
          },
        ],
      };
    }
    if (input.mode === 'profile' && (existing === undefined || existing.state === 'withdrawn')) {
      return {
        ok: false,
        problems: [{ field: 'cohort', message: 'You are not enrolled in this cohort any more.' }],
      };
    }
    const role = input.mode === 'profile' && existing !== undefined ? existing.role : input.role;
    if (role === undefined)
      return {
        ok: false,
        problems: [{ field: 'role', message: 'Please choose how you want to take part.' }],
      };
    if (role === 'mentee' && cohort.nominatedOnly && !(await isNominated(trx, cohort.id, input.userId))) {
      return {
        ok: false,
        problems: [
          {
            field: 'role',
            message:
              'This cohort is for nominated employees. You can still join as a mentor, or ask your manager about a nomination.',
          },
        ],
      };
    }
    const bank = await listQuestions(trx, cohort.id);
    const locked = lockedKeys(input.mode, cohort, existing?.state, bank);
    const questions = questionsFor(role, bank).filter((q) => !locked.has(q.key));
    const problems = validateAnswers({ questions, answers: input.answers, role, userId: input.userId });
    if (problems.length > 0)
      return { ok: false, problems: problems.map((p) => ({ field: p.questionKey, message: p.message })) };

    await upsertUser(trx, input.profile, at);
    const state = existing !== undefined && existing.state !== 'withdrawn' ? existing.state : 'enrolled';
    const enrollmentId = await upsertEnrollment(
      trx,
      {
        cohortId: cohort.id,
        userId: input.userId,
        role,
        state,
        matchOnSensitive: input.matchOnSensitive,
        recognitionOptIn: input.recognitionOptIn,
      },
      at,
    );
    const byId = new Map<number, AnswerValue>();
    for (const q of questions) {
      const value = input.answers.get(q.key);
      if (value !== undefined && (typeof value === 'string' || value.length > 0)) byId.set(q.id, value);
    }
    // Answers to questions this role is not asked (after a role change) go too.
    const replaced = bank.filter((q) => !locked.has(q.key)).map((q) => q.id);
    await replaceAnswers(trx, enrollmentId, replaced, byId, at);
    const created = existing === undefined || existing.state === 'withdrawn';
    if (input.mode === 'join') {
      const payload = input.confirmation({ cohort, role, questions, answers: input.answers });
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `enrolled:${enrollmentId}:${at}`,
          kind: 'enrollment.confirmed',
          target: input.userId,
          payload,
          notBefore: at,
        },
        at,
      );
    }
    return { ok: true, enrollmentId, cohort, role, created };
  });
  if (outcome.ok && input.mode === 'join') deps.outbox.kick();
  return outcome;
}

export interface StatusEntry {
  readonly enrollmentId: number;
  readonly cohort: Cohort;
  readonly role: Role;
  readonly state: string;
  readonly pairings: readonly (PairingView & { names: ReadonlyMap<string, string> })[];
}

/** What `/mentor status` and the Home tab show: each enrollment, its pair or group, next check-in. */
export async function statusOf(deps: ServiceDeps, userId: string): Promise<StatusEntry[]> {
  const [enrollments, pairings] = await Promise.all([
    enrollmentsOfUser(deps.db, userId),
    pairingsOfUser(deps.db, userId),
  ]);
  const names = await displayNames(deps.db, [
    ...new Set(pairings.flatMap((p) => p.members.map((m) => m.userId))),
  ]);
  const entries: StatusEntry[] = [];
  for (const e of enrollments) {
    const row = await findCohortById(deps.db, e.cohortId);
    if (row === undefined) continue;
    entries.push({
      enrollmentId: e.id,
      cohort: toCohort(row),
      role: e.role,
      state: e.state,
      pairings: pairings.filter((p) => p.cohortId === e.cohortId).map((p) => ({ ...p, names })),
    });
  }
  return entries;
}

export type WithdrawOutcome = { ok: true; cohort: Cohort; notified: number } | { ok: false; reason: string };

/**
 * Leaving, possible at any stage: the enrollment is withdrawn, self-identification answers are
 * deleted, the person leaves any pairing, and partners and admins are told through the outbox.
 */
export async function withdraw(
  deps: ServiceDeps,
  userId: string,
  enrollmentId: number,
  notices: {
    partner: (name: string, cohort: Cohort) => OutboxPayload;
    admin: (name: string, cohort: Cohort) => OutboxPayload;
  },
): Promise<WithdrawOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await deps.db.transaction().execute(async (trx): Promise<WithdrawOutcome> => {
    const enrollment = await findEnrollmentById(trx, enrollmentId);
    if (enrollment === undefined || enrollment.userId !== userId)
      return { ok: false, reason: 'That enrollment is not yours.' };
    if (enrollment.state === 'withdrawn') return { ok: false, reason: 'You have already left this program.' };
    const row = await findCohortById(trx, enrollment.cohortId);
    if (row === undefined) return { ok: false, reason: 'This cohort no longer exists.' };
    const cohort = toCohort(row);
    await withdrawEnrollment(trx, enrollment.id, at);
    const sensitive = (await listQuestions(trx, cohort.id)).filter((q) => q.sensitive).map((q) => q.id);
    await deleteAnswersTo(trx, enrollment.id, sensitive);
    const name = (await displayNames(trx, [userId])).get(userId) ?? 'A participant';
    const partners = new Set<string>();
    for (const pairing of (await pairingsOfUser(trx, userId)).filter((p) => p.cohortId === cohort.id)) {
      for (const m of pairing.members) if (m.userId !== userId) partners.add(m.userId);
      await leavePairing(trx, pairing.id, userId, at);
    }
    const recipients: [string, OutboxPayload][] = [
      ...[...partners].map((p): [string, OutboxPayload] => [p, notices.partner(name, cohort)]),
      ...deps.config.adminUserIds.map((a): [string, OutboxPayload] => [a, notices.admin(name, cohort)]),
    ];
    for (const [target, payload] of recipients) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `left:${enrollment.id}:${at}:${target}`,
          kind: 'enrollment.left',
          target,
          payload,
          notBefore: at,
        },
        at,
      );
    }
    return { ok: true, cohort, notified: recipients.length };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}
