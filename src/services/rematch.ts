import { randomInt } from 'node:crypto';
import { mentorCapacity } from '../domain/cohorts';
import type { Participant } from '../domain/matching';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug } from '../repositories/cohorts';
import {
  insertPairing,
  markEnrollmentsMatched,
  menteesPerMentor,
  pairedUserIds,
} from '../repositories/matching';
import { writeTransaction } from '../repositories/transactions';
import type { ServiceDeps } from './deps';
import { queueIntroductions } from './introductions';
import { pairingsFrom } from './match-approval';
import { cohortMatchingData, runEngine, storeable } from './matching';

export type RematchOutcome = { ok: true; message: string } | { ok: false; reason: string };

/**
 * Matches one person who is without a pairing in an active cohort (a late joiner, or someone whose
 * partner left) without touching anyone else's pair: the engine sees only the people without a
 * pairing and the mentors with room left, each with just the room they have.
 */
export async function rematch(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
  userId: string,
): Promise<RematchOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(deps.db, async (trx): Promise<RematchOutcome> => {
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
    if (row.state !== 'active') {
      return {
        ok: false,
        reason: 'Rematching is for active cohorts; preview and approve the matches first.',
      };
    }
    const data = await cohortMatchingData(trx, row);
    const person = data.participants.find((p) => p.id === userId);
    if (person === undefined)
      return {
        ok: false,
        reason: `<@${userId}> is not enrolled in this cohort.`,
      };
    const paired = await pairedUserIds(trx, row.id);
    if (paired.has(userId))
      return {
        ok: false,
        reason: `<@${userId}> already has a pairing in this cohort.`,
      };
    const load = await menteesPerMentor(trx, row.id);
    const capacity = mentorCapacity(row.track, row.group_size);
    const pool: Participant[] = data.participants.flatMap((p) => {
      if (p.role === 'mentee') return paired.has(p.id) ? [] : [p];
      const room = capacity - (load.get(p.id) ?? 0);
      return room > 0 ? [{ ...p, capacity: room }] : [];
    });
    const ids = new Set(pool.map((p) => p.id));
    const run = await runEngine(deps, {
      ...data.input,
      pinned: (data.input.pinned ?? []).filter((pin) => ids.has(pin.mentorId) && ids.has(pin.menteeId)),
      participants: pool,
      seed: randomInt(0, 2 ** 32),
    });
    if (!run.ok) return run;
    const proposal = storeable(run.proposal, pool);
    const mine = {
      ...proposal,
      pairs: proposal.pairs.filter((p) => p.menteeId === userId || p.mentorId === userId),
    };
    if (mine.pairs.length === 0) {
      const why = proposal.unmatched.find((u) => u.menteeId === userId)?.reason;
      return {
        ok: false,
        reason: `No match for <@${userId}> right now${why === undefined ? ' (no mentor has room, or no mentee is waiting)' : `: ${why}`}. Everyone else's pairs are unchanged.`,
      };
    }
    const pairingIds: number[] = [];
    for (const plan of pairingsFrom(mine, row.track === 'group')) {
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
    }
    const people = [...new Set(mine.pairs.flatMap((p) => [p.mentorId, p.menteeId]))];
    await markEnrollmentsMatched(trx, row.id, people, at);
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'match.rematch',
      target: slug,
      outcome: 'ok',
      details: { user: userId, pairings: pairingIds.length },
      at,
    });
    await queueIntroductions(trx, {
      cohortId: row.id,
      pairingIds,
      startedBy: actorId,
      at,
    });
    const lines = mine.pairs.map((p) => `<@${p.mentorId}> ↔ <@${p.menteeId}> (score ${p.score})`);
    return {
      ok: true,
      message: `Matched, and the introduction is on its way: ${lines.join(', ')}.`,
    };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}
