import { createHash, randomInt } from 'node:crypto';
import type { Db } from '../../db/connection';
import type { Cadence, Cohort as CohortRow } from '../../db/schema';
import { mentorCapacity } from '../domain/cohorts';
import { canonicalMatchingInput } from '../domain/match-input';
import type { MatchingInput, Participant } from '../domain/matching';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import {
  insertConstraint,
  insertPairing,
  markEnrollmentsMatched,
  menteesPerMentor,
  pairedUserIds,
} from '../repositories/matching';
import { enqueueMessage } from '../repositories/outbox';
import { membersOf } from '../repositories/pairing-schedule';
import { endPairing, joinPairing, leavePairing, livePairingOfMentor } from '../repositories/pairings';
import { writeTransaction } from '../repositories/transactions';
import { groupMemberLeftMessage, pairingEndedMessage } from '../slack/views/match-request';
import type { ServiceDeps } from './deps';
import { pairingTarget, queueIntroductions } from './introductions';
import { pairingsFrom } from './match-approval';
import { cohortMatchingData, runEngine, storeable } from './matching';

export type RematchOutcome =
  { ok: true; message: string } | { ok: false; reason: string; code: RematchRefusal };

export type RematchRefusal =
  | 'no_cohort'
  | 'not_active'
  | 'not_enrolled'
  | 'already_paired'
  | 'invalid'
  | 'no_match'
  | 'stale'
  | 'refused';

export interface RematchRequest {
  readonly cohort: { slug: string } | { id: number };
  readonly userId: string;
  /** The live pairing the person leaves for a new match (a request for a different match). */
  readonly leavingPairingId?: number;
  /**
   * Runs first in the write transaction, once the plan is known to be current; a returned text
   * refuses the rematch and nothing is written.
   */
  readonly inTransaction?: (trx: Db) => Promise<string | undefined>;
}

/** What the engine is asked, read from the database; the same reads must give the same plan. */
interface Plan {
  readonly row: CohortRow;
  readonly input: Omit<MatchingInput, 'seed'>;
  readonly cadences: ReadonlyMap<string, Cadence>;
  /** Digest of the input: the transaction re-reads and compares it. */
  readonly fingerprint: string;
  /** Everyone this rematch places: the person, and whoever their leaving leaves without a pairing. */
  readonly placing: readonly string[];
  readonly leaving?: {
    readonly pairingId: number;
    readonly ends: boolean;
    readonly partners: readonly string[];
  };
}

type Refusal = { ok: false; reason: string; code: RematchRefusal };

async function plan(db: Db, request: RematchRequest): Promise<{ ok: true; plan: Plan } | Refusal> {
  const { cohort, userId } = request;
  const row =
    'slug' in cohort ? await findCohortBySlug(db, cohort.slug) : await findCohortById(db, cohort.id);
  if (row === undefined) return { ok: false, code: 'no_cohort', reason: 'That cohort no longer exists.' };
  if (row.state !== 'active') {
    return {
      ok: false,
      code: 'not_active',
      reason: 'Rematching is for active cohorts; preview and approve the matches first.',
    };
  }
  const data = await cohortMatchingData(db, row);
  if (!data.participants.some((p) => p.id === userId))
    return { ok: false, code: 'not_enrolled', reason: `<@${userId}> is not enrolled in this cohort.` };
  const paired = await pairedUserIds(db, row.id);
  const load = await menteesPerMentor(db, row.id);
  let leaving: Plan['leaving'];
  if (request.leavingPairingId !== undefined) {
    const members = await membersOf(db, [request.leavingPairingId]);
    const me = members.find((m) => m.userId === userId);
    if (me !== undefined && paired.has(userId)) {
      const mentees = members.filter((m) => m.role === 'mentee');
      // A mentee leaving a group with others in it leaves the group running; otherwise it ends.
      const ends = me.role === 'mentor' || mentees.length <= 1;
      const released = ends ? members : [me];
      for (const m of released) paired.delete(m.userId);
      const mentor = members.find((m) => m.role === 'mentor')?.userId;
      if (mentor !== undefined)
        load.set(mentor, (load.get(mentor) ?? 0) - released.filter((m) => m.role === 'mentee').length);
      leaving = {
        pairingId: request.leavingPairingId,
        ends,
        partners: members.filter((m) => m.userId !== userId).map((m) => m.userId),
      };
    }
  }
  if (paired.has(userId))
    return {
      ok: false,
      code: 'already_paired',
      reason: `<@${userId}> already has a pairing in this cohort.`,
    };
  const capacity = mentorCapacity(row.track, row.group_size);
  const pool: Participant[] = data.participants.flatMap((p) => {
    if (p.role === 'mentee') return paired.has(p.id) ? [] : [p];
    const room = capacity - (load.get(p.id) ?? 0);
    return room > 0 ? [{ ...p, capacity: room }] : [];
  });
  const ids = new Set(pool.map((p) => p.id));
  const input = {
    ...data.input,
    pinned: (data.input.pinned ?? []).filter((pin) => ids.has(pin.mentorId) && ids.has(pin.menteeId)),
    participants: pool,
  };
  const placing = leaving?.ends === true ? [userId, ...leaving.partners] : [userId];
  return {
    ok: true,
    plan: {
      row,
      input,
      cadences: data.cadences,
      fingerprint: createHash('sha256')
        .update(canonicalMatchingInput(input))
        .update(JSON.stringify({ placing, leaving }))
        .digest('hex'),
      placing,
      ...(leaving === undefined ? {} : { leaving }),
    },
  };
}

const STALE =
  'The cohort changed while the new match was being worked out (someone joined, left or was paired), so nothing was changed. Please run it again.';

/**
 * Matches one person who is without a pairing in an active cohort (a late joiner, someone whose
 * partner left, or someone leaving their pairing at their request) without touching anyone else's
 * pair: the engine sees only the people without a pairing and the mentors with room left, each
 * with just the room they have. The engine runs outside the write transaction; the transaction
 * re-reads the cohort and refuses to write a result computed from a cohort that has since changed.
 * On the group track a mentee joins the mentor's existing group when it has room.
 */
export async function rematchPerson(
  deps: ServiceDeps,
  actorId: string,
  request: RematchRequest,
): Promise<RematchOutcome> {
  const at = deps.clock().toISOString();
  // Audited under the cohort's short name, like every other matching action, once it is known.
  let target = 'slug' in request.cohort ? request.cohort.slug : `#${request.cohort.id}`;
  const audit = (db: Db, outcome: 'ok' | 'failed', details: Record<string, string | number>) =>
    insertAuditEntry(db, {
      actorUserId: actorId,
      action: 'match.rematch',
      target,
      outcome,
      details: { user: request.userId, ...details },
      at,
    });
  const refuse = async (refusal: Refusal, db: Db = deps.db): Promise<Refusal> => {
    // The reason can name people; the code is enough for the log.
    await audit(db, 'failed', { code: refusal.code });
    return refusal;
  };

  const planned = await plan(deps.db, request);
  if (!planned.ok) return refuse(planned);
  const { row, placing } = planned.plan;
  target = row.slug;
  const run = await runEngine(deps, { ...planned.plan.input, seed: randomInt(0, 2 ** 32) });
  if (!run.ok) return refuse({ ok: false, code: 'invalid', reason: run.reason });
  const proposal = storeable(run.proposal, planned.plan.input.participants);
  const placed = new Set(placing);
  const mine = {
    ...proposal,
    pairs: proposal.pairs.filter((p) => placed.has(p.menteeId) || placed.has(p.mentorId)),
  };
  if (!mine.pairs.some((p) => p.menteeId === request.userId || p.mentorId === request.userId)) {
    const why = proposal.unmatched.find((u) => u.menteeId === request.userId)?.reason;
    const kept = planned.plan.leaving === undefined ? '' : ' Their current pairing is unchanged.';
    return refuse({
      ok: false,
      code: 'no_match',
      reason: `No match for <@${request.userId}> right now${why === undefined ? ' (no mentor has room, or no mentee is waiting)' : `: ${why}`}. Everyone else's pairs are unchanged.${kept}`,
    });
  }

  const outcome = await writeTransaction(deps.db, async (trx): Promise<RematchOutcome> => {
    const again = await plan(trx, request);
    if (!again.ok || again.plan.fingerprint !== planned.plan.fingerprint)
      return refuse({ ok: false, code: 'stale', reason: STALE }, trx);
    const refused = await request.inTransaction?.(trx);
    if (refused !== undefined) return refuse({ ok: false, code: 'refused', reason: refused }, trx);
    const { leaving } = again.plan;
    if (leaving !== undefined) {
      if (leaving.ends) await endPairing(trx, leaving.pairingId, at);
      else {
        const before = await membersOf(trx, [leaving.pairingId]);
        const former = before.find((m) => m.role === 'mentor');
        await leavePairing(trx, leaving.pairingId, request.userId, at);
        // Mentors first, as the group's other messages address it.
        const stay = before.map((m) => m.userId).filter((id) => id !== request.userId);
        await enqueueMessage(
          trx,
          {
            idempotencyKey: `group-left:${leaving.pairingId}:${request.userId}`,
            kind: 'pairing.member_left',
            target: pairingTarget(null, stay),
            payload: groupMemberLeftMessage({ cohortName: row.name, leaverId: request.userId }),
            notBefore: at,
          },
          at,
        );
        // Leaving a group removes the membership that records the pair; keep them apart anyway.
        if (former !== undefined)
          await insertConstraint(trx, {
            cohortId: row.id,
            kind: 'forbid',
            mentorId: former.userId,
            menteeId: request.userId,
            createdBy: actorId,
            at,
          });
      }
    }
    const created: number[] = [];
    const joined: number[] = [];
    for (const pairing of pairingsFrom(mine, row.track === 'group')) {
      const group =
        row.track === 'group' ? await livePairingOfMentor(trx, row.id, pairing.mentorId) : undefined;
      if (group !== undefined) {
        await joinPairing(trx, group, pairing.menteeIds, at);
        joined.push(group);
        continue;
      }
      const only =
        pairing.menteeIds.length === 1 ? planned.plan.cadences.get(pairing.menteeIds[0] ?? '') : undefined;
      created.push(
        await insertPairing(trx, {
          cohortId: row.id,
          mentorId: pairing.mentorId,
          menteeIds: pairing.menteeIds,
          cadence: only ?? row.default_cadence,
          score: pairing.score,
          reasons: pairing.reasons,
          approvedBy: actorId,
          at,
        }),
      );
    }
    const people = [...new Set(mine.pairs.flatMap((p) => [p.mentorId, p.menteeId]))];
    await markEnrollmentsMatched(trx, row.id, people, at);
    // A group someone leaves carries on; a pairing that ends leaves partners to be told.
    for (const partner of leaving?.ends === true ? leaving.partners : []) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `pairing-ended:${leaving?.pairingId ?? ''}:${partner}`,
          kind: 'pairing.ended',
          target: partner,
          payload: pairingEndedMessage({ cohortName: row.name, rematched: people.includes(partner) }),
          notBefore: at,
        },
        at,
      );
    }
    await audit(trx, 'ok', { pairings: created.length, joined: joined.length });
    await queueIntroductions(trx, { cohortId: row.id, pairingIds: created, startedBy: actorId, at });
    if (joined.length > 0)
      await queueIntroductions(trx, {
        cohortId: row.id,
        pairingIds: joined,
        startedBy: actorId,
        at,
        occasion: `joined:${mine.pairs.map((p) => p.menteeId).join(',')}`,
      });
    const lines = mine.pairs.map((p) => `<@${p.mentorId}> ↔ <@${p.menteeId}> (score ${p.score})`);
    const left = placing.filter((id) => !people.includes(id));
    return {
      ok: true,
      message: `Matched, and the introduction is on its way: ${lines.join(', ')}.${joined.length > 0 ? ' They join the mentor’s existing group.' : ''}${left.length > 0 ? ` No new match yet for ${left.map((id) => `<@${id}>`).join(', ')}; they have been told and can be rematched later.` : ''}`,
    };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}

/** `/mentor admin rematch <slug> @person`. */
export async function rematch(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
  userId: string,
): Promise<RematchOutcome> {
  return rematchPerson(deps, actorId, { cohort: { slug }, userId });
}
