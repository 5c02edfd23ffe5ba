import { insertAuditEntry } from '../repositories/audit';
import { findCohortBySlug } from '../repositories/cohorts';
import {
  deleteConstraintBetween,
  deletePinsOfMentee,
  insertConstraint,
  listConstraints,
  matchingPeople,
} from '../repositories/matching';
import { writeTransaction } from '../repositories/transactions';
import type { ServiceDeps } from './deps';

export type ConstraintOutcome = { ok: true; message: string } | { ok: false; reason: string };
export type ConstraintVerb = 'pin' | 'forbid' | 'unpin' | 'unforbid';

/**
 * The admin's decisions the engine must respect: pin (always pair these two) and forbid (never,
 * in either direction). They apply to the next preview, so the admin re-runs after changing them;
 * a preview made before the change can no longer be approved (see `approveProposal`).
 */
export async function changeConstraint(
  deps: ServiceDeps,
  actorId: string,
  input: { verb: ConstraintVerb; slug: string; first: string; second: string },
): Promise<ConstraintOutcome> {
  const { verb, slug, first, second } = input;
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx): Promise<ConstraintOutcome> => {
    const audit = (outcome: 'ok' | 'failed', details: Record<string, string>) =>
      insertAuditEntry(trx, {
        actorUserId: actorId,
        action: `match.${verb}`,
        target: slug,
        outcome,
        details,
        at,
      });
    // Refusals are audited too: an admin's attempt is an admin action.
    const refuse = async (reason: string): Promise<ConstraintOutcome> => {
      await audit('failed', { first, second, reason });
      return { ok: false, reason };
    };
    const row = await findCohortBySlug(trx, slug);
    if (row === undefined) return refuse(`There is no cohort called \`${slug}\`.`);
    if (row.state !== 'enrolling' && row.state !== 'matching') {
      return refuse('Pins and forbids shape a preview; this cohort is not being matched.');
    }
    if (first === second) return refuse('Please name two different people.');
    const people = await matchingPeople(trx, row.id);
    const role = (id: string) => people.find((p) => p.userId === id)?.role;
    const missing = [first, second].filter((id) => role(id) === undefined);
    if (missing.length > 0) {
      return refuse(
        `${missing.map((id) => `<@${id}>`).join(' and ')} ${missing.length === 1 ? 'is' : 'are'} not enrolled in this cohort.`,
      );
    }
    const oneOfEach = new Set([role(first), role(second)]).size === 2;
    let message: string;
    switch (verb) {
      case 'pin': {
        if (role(first) !== 'mentor' || role(second) !== 'mentee') {
          return refuse(
            `Name the mentor first, then the mentee: <@${first}> is a ${role(first)} and <@${second}> a ${role(second)}.`,
          );
        }
        const earlier = (await listConstraints(trx, row.id)).find(
          (c) => c.kind === 'pin' && c.menteeId === second && c.mentorId !== first,
        );
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
        // A mentee has one pinned mentor; saying so beats a silent swap.
        const replaced = earlier === undefined ? '' : ` This replaces their pin to <@${earlier.mentorId}>.`;
        message = `Pinned: <@${first}> will mentor <@${second}>.${replaced}`;
        break;
      }
      case 'forbid':
        if (!oneOfEach) {
          return refuse(
            `<@${first}> and <@${second}> are both ${role(first)}s, so they could never be paired anyway. Forbid a mentor with a mentee.`,
          );
        }
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
        if (removed === 0) return refuse(`There was no ${kind} between <@${first}> and <@${second}>.`);
        message = `Removed the ${kind} between <@${first}> and <@${second}>.`;
        break;
      }
    }
    await audit('ok', { first, second });
    return {
      ok: true,
      message: `${message} Re-run the preview to see the effect: \`/mentor admin match ${slug}\`.`,
    };
  });
}
