import type { Cohort } from '../domain/cohorts';
import { transition } from '../domain/cohorts';
import { insertAuditEntry } from '../repositories/audit';
import { countEnrollments, findCohortById, updateCohort } from '../repositories/cohorts';
import {
  findProposal,
  latestProposalId,
  markProposalApproved,
  type StoredProposal,
} from '../repositories/match-proposals';
import { insertPairing, markEnrollmentsMatched } from '../repositories/matching';
import { writeTransaction } from '../repositories/transactions';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';
import { queueIntroductions } from './introductions';
import { cohortMatchingData, inputFingerprint } from './matching';

export type ApproveOutcome =
  | {
      ok: true;
      cohort: Cohort;
      pairings: number;
      introductions: number;
    }
  /** `stale`: the cohort changed since the preview, so a re-run is the way forward. */
  | { ok: false; reason: string; stale: boolean };

const STALE =
  'Something this preview depended on has changed since it was made (a pin or forbid, someone who joined, left or edited their answers). Re-run the preview and approve the new one.';

/** One pairing per 1:1 pair; on the group track one per mentor with all their mentees. */
export function pairingsFrom(proposal: StoredProposal, group: boolean) {
  const byMentor = new Map<string, StoredProposal['pairs']>();
  for (const pair of proposal.pairs) {
    const key = group ? pair.mentorId : `${pair.mentorId}\u0000${pair.menteeId}`;
    byMentor.set(key, [...(byMentor.get(key) ?? []), pair]);
  }
  return [...byMentor.values()].map((pairs) => ({
    mentorId: pairs[0]?.mentorId ?? '',
    menteeIds: pairs.map((p) => p.menteeId),
    score: Math.round(pairs.reduce((n, p) => n + p.score, 0) / Math.max(1, pairs.length)),
    // Reasons are the engine's texts, which never mention sensitive answers.
    reasons: [...new Set(pairs.flatMap((p) => p.reasons.map((r) => r.text)))],
  }));
}

/**
 * Applies exactly the previewed proposal, in one transaction: pairings and members, enrollments
 * matched, the cohort active, introductions queued. Only the cohort's latest preview, only once.
 */
export async function approveProposal(
  deps: ServiceDeps,
  actorId: string,
  proposalId: number,
): Promise<ApproveOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(deps.db, async (trx): Promise<ApproveOutcome> => {
    const record = await findProposal(trx, proposalId);
    const row = record === undefined ? undefined : await findCohortById(trx, record.cohortId);
    if (record === undefined || row === undefined)
      return { ok: false, reason: 'That preview no longer exists.', stale: false };
    const refuse = async (reason: string, stale = false): Promise<ApproveOutcome> => {
      await insertAuditEntry(trx, {
        actorUserId: actorId,
        action: 'match.approve',
        target: row.slug,
        outcome: 'failed',
        details: { proposal: proposalId, reason },
        at,
      });
      return { ok: false, reason, stale };
    };
    if (record.approvedAt !== null)
      return refuse('These matches are already approved; nothing was created twice.');
    if ((await latestProposalId(trx, row.id)) !== proposalId) {
      return refuse('A newer preview of this cohort exists; approve that one (or re-run).');
    }
    const counts = (await countEnrollments(trx, [row.id])).filter((c) => c.state !== 'withdrawn');
    const sum = (role: string) => counts.filter((c) => c.role === role).reduce((n, c) => n + c.count, 0);
    const move = transition('activate', {
      state: row.state,
      mentees: sum('mentee'),
      mentors: sum('mentor'),
    });
    if (!move.ok) return refuse(move.reason);
    if (record.proposal.pairs.length === 0)
      return refuse('This preview pairs nobody; adjust the cohort and re-run.');
    // Everything the engine read must be as it was: a pin or forbid since, a late joiner, someone
    // who left or changed an answer would otherwise be approved past without anyone noticing.
    const data = await cohortMatchingData(trx, row);
    if (record.inputFingerprint !== inputFingerprint(data)) return refuse(STALE, true);
    if (!(await markProposalApproved(trx, proposalId, actorId, at))) {
      return refuse('These matches are already approved; nothing was created twice.');
    }
    const pairingIds: number[] = [];
    const matched: string[] = [];
    for (const plan of pairingsFrom(record.proposal, row.track === 'group')) {
      const only = plan.menteeIds.length === 1 ? data.cadences.get(plan.menteeIds[0] ?? '') : undefined;
      pairingIds.push(
        await insertPairing(trx, {
          cohortId: row.id,
          mentorId: plan.mentorId,
          menteeIds: plan.menteeIds,
          cadence: only ?? row.default_cadence,
          score: plan.score,
          reasons: plan.reasons,
          approvedBy: actorId,
          at,
        }),
      );
      matched.push(plan.mentorId, ...plan.menteeIds);
    }
    await markEnrollmentsMatched(trx, row.id, matched, at);
    await updateCohort(trx, row.id, { state: move.to, updated_at: at });
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'match.approve',
      target: row.slug,
      outcome: 'ok',
      details: {
        proposal: proposalId,
        pairings: pairingIds.length,
        from: row.state,
        to: move.to,
      },
      at,
    });
    const intro = await queueIntroductions(trx, {
      cohortId: row.id,
      pairingIds,
      startedBy: actorId,
      at,
    });
    return {
      ok: true,
      cohort: { ...toCohort(row), state: move.to },
      pairings: pairingIds.length,
      introductions: intro.queued,
    };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}
