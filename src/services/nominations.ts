import { type Cohort, STATE_LABELS } from '../domain/cohorts';
import { insertAuditEntry } from '../repositories/audit';
import { enrolledAmong } from '../repositories/cohort-people';
import { findCohortBySlug } from '../repositories/cohorts';
import { insertNominations } from '../repositories/nominations';
import { enqueueMessage } from '../repositories/outbox';
import { writeTransaction } from '../repositories/transactions';
import { nominationInvitation } from '../slack/views/nomination';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export type NominationOutcome =
  | {
      ok: true;
      cohort: Cohort;
      /** Newly nominated and invited by DM. */
      invited: string[];
      alreadyNominated: string[];
      /** Newly nominated but enrolled already: no invitation. */
      alreadyEnrolled: string[];
    }
  | { ok: false; reason: string };

export function nominationKey(cohortId: number, userId: string): string {
  return `nominate:${cohortId}:${userId}`;
}

/**
 * Nominates people for a cohort and queues each new nominee an invitation. A repeated command
 * nominates nobody twice, and the outbox key makes sure nobody is invited twice either.
 */
export async function nominate(
  deps: ServiceDeps,
  actorId: string,
  slug: string,
  userIds: readonly string[],
): Promise<NominationOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(deps.db, async (trx): Promise<NominationOutcome> => {
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
    const cohort = toCohort(row);
    if (cohort.state === 'draft') {
      return {
        ok: false,
        reason: `Open enrollment first (\`/mentor admin cohort open ${slug}\`): the invitation's Join button only works while enrollment is open.`,
      };
    }
    if (cohort.state !== 'enrolling') {
      return {
        ok: false,
        reason: `Enrollment is not open: the cohort is ${STATE_LABELS[cohort.state].toLowerCase()}.`,
      };
    }
    const fresh = new Set(
      await insertNominations(trx, { cohortId: cohort.id, userIds, nominatedBy: actorId, at }),
    );
    const enrolled = await enrolledAmong(trx, cohort.id, [...fresh]);
    const invited = userIds.filter((id) => fresh.has(id) && !enrolled.has(id));
    for (const userId of invited) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: nominationKey(cohort.id, userId),
          kind: 'cohort.nomination',
          target: userId,
          payload: nominationInvitation(cohort, actorId),
          notBefore: at,
        },
        at,
      );
    }
    const alreadyNominated = userIds.filter((id) => !fresh.has(id));
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'cohort.nominate',
      target: slug,
      outcome: 'ok',
      details: { nominated: fresh.size, invited: invited.length, alreadyNominated: alreadyNominated.length },
      at,
    });
    return {
      ok: true,
      cohort,
      invited,
      alreadyNominated,
      alreadyEnrolled: userIds.filter((id) => fresh.has(id) && enrolled.has(id)),
    };
  });
  if (outcome.ok && outcome.invited.length > 0) deps.outbox.kick();
  return outcome;
}
