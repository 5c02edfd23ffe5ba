import type { Db } from '../../db/connection';
import { localDate, planNudge, planStart, safeZone, startOfLocalDay } from '../domain/schedule';
import { moveEnrollments } from '../repositories/enrollments';
import { enqueueMessage } from '../repositories/outbox';
import { membersOf } from '../repositories/pairing-schedule';
import { writeTransaction } from '../repositories/transactions';
import { recognitionMessage, wrapUpMessage } from '../slack/views/scheduled';
import { pairingTarget } from './introductions';

/**
 * Cohort end: everyone still in a live pair has completed the program; a wrap-up in each pair's
 * conversation at a good hour on the last day, and one recognition post in the cohort channel
 * naming only participants who opted in.
 */
export async function runWrapUps(db: Db, now: Date): Promise<{ cohorts: number; messages: number }> {
  const at = now.toISOString();
  const today = localDate(now, 'UTC');
  const cohorts = await db
    .selectFrom('cohorts')
    .select(['id', 'name', 'ends_on', 'announcement_channel_id'])
    .where('state', 'in', ['active', 'completed'])
    .where('ends_on', '<=', today)
    .where('wrapped_up_at', 'is', null)
    .execute();
  let messages = 0;
  for (const cohort of cohorts) {
    await writeTransaction(db, async (trx) => {
      const fresh = await trx
        .updateTable('cohorts')
        .set({ wrapped_up_at: at })
        .where('id', '=', cohort.id)
        .where('wrapped_up_at', 'is', null)
        .executeTakeFirst();
      if (Number(fresh.numUpdatedRows) === 0) return;
      const pairings = await trx
        .selectFrom('pairings')
        .select(['id', 'conversation_id'])
        .where('cohort_id', '=', cohort.id)
        .where('state', '!=', 'ended')
        .execute();
      const members = await membersOf(
        trx,
        pairings.map((p) => p.id),
      );
      // Still paired at the end: the funnel's last stage, "completed".
      await moveEnrollments(
        trx,
        { cohortId: cohort.id, userIds: members.map((m) => m.userId), from: ['matched'], to: 'completed' },
        at,
      );
      for (const pairing of pairings) {
        const mine = members.filter((m) => m.pairingId === pairing.id);
        if (mine.length === 0) continue;
        const recipients = mine.map((m) => ({ userId: m.userId, zone: safeZone(m.tz) }));
        const lastDay = startOfLocalDay(cohort.ends_on ?? today, recipients[0]?.zone ?? 'UTC');
        const plan = planNudge(lastDay > now ? lastDay : now, recipients);
        await enqueueMessage(
          trx,
          {
            idempotencyKey: `wrapup:${pairing.id}`,
            kind: 'cohort.wrap_up',
            target: pairingTarget(
              pairing.conversation_id,
              mine.map((m) => m.userId),
            ),
            payload: wrapUpMessage({ cohortName: cohort.name }),
            notBefore: planStart(plan).toISOString(),
          },
          at,
        );
        messages += 1;
      }
      const optedIn = await trx
        .selectFrom('enrollments')
        .select('user_id')
        .where('cohort_id', '=', cohort.id)
        .where('recognition_opt_in', '=', 1)
        .where('state', '!=', 'withdrawn')
        .orderBy('user_id')
        .execute();
      if (cohort.announcement_channel_id !== null && optedIn.length > 0) {
        await enqueueMessage(
          trx,
          {
            idempotencyKey: `recognition:${cohort.id}`,
            kind: 'cohort.recognition',
            target: cohort.announcement_channel_id,
            payload: recognitionMessage({ cohortName: cohort.name, userIds: optedIn.map((e) => e.user_id) }),
            notBefore: at,
          },
          at,
        );
        messages += 1;
      }
    });
  }
  return { cohorts: cohorts.length, messages };
}
