import { type CheckInField, type CheckInForm, validateCheckIn } from '../domain/check-ins';
import { addCadence, localDate, safeZone } from '../domain/schedule';
import { insertAuditEntry } from '../repositories/audit';
import { insertCheckIn } from '../repositories/check-ins';
import { findScheduledPairings, membersOf, updatePairingSchedule } from '../repositories/pairing-schedule';
import { writeTransaction } from '../repositories/transactions';
import type { ServiceDeps } from './deps';
import { SYSTEM_ACTOR } from './nudges';

export type CheckInStart = { ok: true; today: string } | { ok: false; reason: string };

const NOT_A_MEMBER = 'Only the people in this mentoring pairing can log its check-ins.';

async function context(deps: ServiceDeps, pairingId: number, userId: string) {
  const [pairing] = await findScheduledPairings(deps.db, [pairingId]);
  const members = await membersOf(deps.db, [pairingId]);
  const me = members.find((m) => m.userId === userId);
  if (pairing === undefined || me === undefined) return undefined;
  return { pairing, members: members.map((m) => m.userId), today: localDate(deps.clock(), safeZone(me.tz)) };
}

/** Whether this person may log a check-in for the pairing, and their today for the date picker. */
export async function startCheckIn(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
): Promise<CheckInStart> {
  const ctx = await context(deps, pairingId, userId);
  return ctx === undefined ? { ok: false, reason: NOT_A_MEMBER } : { ok: true, today: ctx.today };
}

export type CheckInOutcome =
  /** `members`: everyone in the pairing, whose Home tab now shows the meeting. */
  { ok: true; members: readonly string[] } | { ok: false; problems: Partial<Record<CheckInField, string>> };

/**
 * Saves a check-in, then plans the next nudge one cadence period after the meeting and lifts an
 * at-risk flag. Private notes are stored for their author only and never logged.
 */
export async function saveCheckIn(
  deps: ServiceDeps,
  input: { pairingId: number; userId: string; form: CheckInForm },
): Promise<CheckInOutcome> {
  const ctx = await context(deps, input.pairingId, input.userId);
  if (ctx === undefined) return { ok: false, problems: { metOn: NOT_A_MEMBER } };
  const valid = validateCheckIn(input.form, {
    today: ctx.today,
    pairedOn: ctx.pairing.createdAt.slice(0, 10),
  });
  if (!valid.ok) return valid;
  const at = deps.clock().toISOString();
  await writeTransaction(deps.db, async (trx) => {
    await insertCheckIn(trx, { pairingId: input.pairingId, loggedBy: input.userId, ...valid.value, at });
    const [current] = await findScheduledPairings(trx, [input.pairingId]);
    const lastMet = current?.lastCheckInOn ?? valid.value.metOn;
    const next = addCadence(lastMet, ctx.pairing.cadence);
    const later =
      current?.nextNudgeOn !== null && current?.nextNudgeOn !== undefined && current.nextNudgeOn > next;
    await updatePairingSchedule(trx, input.pairingId, {
      ...(later ? {} : { nextNudgeOn: next, nextNudgeAt: null }),
      atRiskSince: null,
      at,
    });
    if (current?.atRiskSince !== null && current?.atRiskSince !== undefined) {
      await insertAuditEntry(trx, {
        actorUserId: SYSTEM_ACTOR,
        action: 'pairing.back_on_track',
        target: `pairing:${input.pairingId}`,
        outcome: 'ok',
        at,
      });
    }
  });
  deps.logger.event('info', 'check-in logged', { pairing: input.pairingId });
  return { ok: true, members: ctx.members };
}
