import type { Cohort } from '../domain/cohorts';
import { pulseAnswerProblem } from '../domain/pulses';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import { enqueueMessage } from '../repositories/outbox';
import { answersToPulses, findPulse, insertPulse, pulsesOfCohort, saveAnswer } from '../repositories/pulses';
import { writeTransaction } from '../repositories/transactions';
import { pulsePrompt } from '../slack/views/pulse';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export type StartOutcome = { ok: true; cohort: Cohort; channelId: string } | { ok: false; reason: string };

export interface OpenPulse {
  readonly id: number;
  readonly anonymous: boolean;
  readonly cohortName: string;
}

export interface PulseResult {
  readonly id: number;
  readonly anonymous: boolean;
  readonly createdAt: string;
  /** `author` is null whenever the pulse is anonymous. */
  readonly answers: readonly { author: string | null; answer: string }[];
}

export type ResultsOutcome =
  { ok: true; cohort: Cohort; pulses: PulseResult[] } | { ok: false; reason: string };

/** Pulses shown at once; older ones stay stored. */
export const PULSES_SHOWN = 3;

/** Posts a pulse to the cohort's announcement channel through the outbox. */
export async function startPulse(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
  anonymous: boolean,
): Promise<StartOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(deps.db, async (trx): Promise<StartOutcome> => {
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
    const cohort = toCohort(row);
    const channelId = cohort.announcementChannelId;
    if (channelId === null) {
      return {
        ok: false,
        reason: `The cohort has no announcement channel yet; set one with \`/mentor admin cohort edit ${slug}\`.`,
      };
    }
    const pulseId = await insertPulse(
      trx,
      { cohortId: cohort.id, anonymous, channelId, createdBy: actorId },
      at,
    );
    await enqueueMessage(
      trx,
      {
        idempotencyKey: `pulse:${pulseId}`,
        kind: 'cohort.pulse',
        target: channelId,
        payload: pulsePrompt({ cohort, pulseId, anonymous }),
        notBefore: at,
      },
      at,
    );
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'pulse.start',
      target: slug,
      outcome: 'ok',
      details: { pulseId, anonymous, channel: channelId },
      at,
    });
    return { ok: true, cohort, channelId };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}

export async function openPulse(deps: ServiceDeps, pulseId: number): Promise<OpenPulse | undefined> {
  const pulse = await findPulse(deps.db, pulseId);
  const cohort = pulse === undefined ? undefined : await findCohortById(deps.db, pulse.cohortId);
  if (pulse === undefined || cohort === undefined) return undefined;
  return { id: pulse.id, anonymous: pulse.anonymous, cohortName: cohort.name };
}

export type AnswerOutcome = { ok: true; anonymous: boolean } | { ok: false; problem: string };

/** Stores one answer; for an anonymous pulse the author is dropped here and never stored. */
export async function answerPulse(
  deps: ServiceDeps,
  input: { pulseId: number; userId: string; text: string },
): Promise<AnswerOutcome> {
  const problem = pulseAnswerProblem(input.text);
  if (problem !== undefined) return { ok: false, problem };
  const pulse = await findPulse(deps.db, input.pulseId);
  if (pulse === undefined) return { ok: false, problem: 'This question is no longer open.' };
  await saveAnswer(
    deps.db,
    { pulseId: pulse.id, authorUserId: pulse.anonymous ? null : input.userId, answer: input.text.trim() },
    deps.clock().toISOString(),
  );
  return { ok: true, anonymous: pulse.anonymous };
}

/** The latest pulses of a cohort with their answers, for admins; reading them is audited. */
export async function pulseResults(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
): Promise<ResultsOutcome> {
  const row = await findCohortBySlug(deps.db, slug);
  if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
  const pulses = await pulsesOfCohort(deps.db, row.id, PULSES_SHOWN);
  const answers = await answersToPulses(
    deps.db,
    pulses.map((p) => p.id),
  );
  await insertAuditEntry(deps.db, {
    actorUserId: actorId,
    action: 'pulse.results',
    target: slug,
    outcome: 'ok',
    at: deps.clock().toISOString(),
  });
  return {
    ok: true,
    cohort: toCohort(row),
    pulses: pulses.map((p) => ({
      id: p.id,
      anonymous: p.anonymous,
      createdAt: p.createdAt,
      answers: answers
        .filter((a) => a.pulseId === p.id)
        .map((a) => ({ author: p.anonymous ? null : a.authorUserId, answer: a.answer })),
    })),
  };
}
