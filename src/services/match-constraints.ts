import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug } from '../repositories/cohorts';
import {
  deleteConstraintBetween,
  deletePinsOfMentee,
  insertConstraint,
  matchingPeople,
} from '../repositories/matching';
import { writeTransaction } from '../repositories/transactions';
import type { ServiceDeps } from './deps';

export type ConstraintOutcome = { ok: true; message: string } | { ok: false; reason: string };
export type ConstraintVerb = 'pin' | 'forbid' | 'unpin' | 'unforbid';

/**
 * The admin's decisions the engine must respect: pin (always pair these two) and forbid (never,
 * in either direction). They apply to the next preview, so the admin re-runs after changing them.
 */
export async function changeConstraint(
  deps: ServiceDeps,
  actorId: string,
  input: { verb: ConstraintVerb; slug: string; first: string; second: string },
): Promise<ConstraintOutcome> {
  const { verb, slug, first, second } = input;
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx): Promise<ConstraintOutcome> => {
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
    if (row.state !== 'enrolling' && row.state !== 'matching') {
      return { ok: false, reason: 'Pins and forbids shape a preview; this cohort is not being matched.' };
    }
    if (first === second) return { ok: false, reason: 'Please name two different people.' };
    const people = await matchingPeople(trx, row.id);
    const role = (id: string) => people.find((p) => p.userId === id)?.role;
    const missing = [first, second].filter((id) => role(id) === undefined);
    if (missing.length > 0) {
      return {
        ok: false,
        reason: `${missing.map((id) => `<@${id}>`).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not enrolled in this cohort.`,
      };
    }
    let message: string;
    switch (verb) {
      case 'pin':
        if (role(first) !== 'mentor' || role(second) !== 'mentee') {
          return {
            ok: false,
            reason: `Name the mentor first, then the mentee: <@${first}> is a ${role(first)} and <@${second}> a ${role(second)}.`,
          };
        }
        await deletePinsOfMentee(trx, row.id, second);
        await deleteConstraintBetween(trx, row.id, 'forbid', first, second);
        await insertConstraint(trx, {
          cohortId: row.id,
          kind: 'pin',
          mentorId: first,
          menteeId: second,
          createdBy: actorId,
          at,
        });
        message = `Pinned: <@${first}> will mentor <@${second}>.`;
        break;
      case 'forbid':
        await deleteConstraintBetween(trx, row.id, 'pin', first, second);
        await insertConstraint(trx, {
          cohortId: row.id,
          kind: 'forbid',
          mentorId: first,
          menteeId: second,
          createdBy: actorId,
          at,
        });
        message = `Forbidden: <@${first}> and <@${second}> will never be paired.`;
        break;
      case 'unpin':
      case 'unforbid': {
        const kind = verb === 'unpin' ? 'pin' : 'forbid';
        const removed = await deleteConstraintBetween(trx, row.id, kind, first, second);
        if (removed === 0)
          return { ok: false, reason: `There was no ${kind} between <@${first}> and <@${second}>.` };
        message = `Removed the ${kind} between <@${first}> and <@${second}>.`;
        break;
      }
    }
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: `match.${verb}`,
      target: slug,
      outcome: 'ok',
      details: { first, second },
      at,
    });
    return {
      ok: true,
      message: `${message} Re-run the preview to see the effect: \`/mentor admin match ${slug}\`.`,
    };
  });
}
