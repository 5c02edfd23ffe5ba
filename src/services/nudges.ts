import type { Db } from '../../db/connection';
import type { Cadence } from '../domain/cohorts';
import {
  addCadence,
  addDays,
  localDate,
  type NudgePlan,
  nextWorkingSlot,
  periodsElapsed,
  planNudge,
  planStart,
  type Recipient,
  safeZone,
  startOfLocalDay,
} from '../domain/schedule';
import { insertAuditEntry } from '../repositories/audit';
import { enqueueMessage } from '../repositories/outbox';
import {
  findScheduledPairings,
  membersOf,
  type PairingMemberRow,
  pairingsNeedingNudgeWork,
  resumePausedPairings,
  type ScheduledPairing,
  updatePairingSchedule,
} from '../repositories/pairing-schedule';
import { writeTransaction } from '../repositories/transactions';
import { helpRequestMessage, mentorNudgeMessage, nudgeMessage } from '../slack/views/scheduled';
import type { ServiceDeps } from './deps';
import { pairingTarget } from './introductions';

/** A round found more than this late (downtime) is re-planned for the next good hour, not sent late. */
export const STALE_ROUND_MS = 6 * 60 * 60 * 1000;
export const SNOOZE_DAYS = 3;
export const PAUSE_DAYS = 28;
/** Missed cadence periods before the mentor gets a gentle nudge, and before the pair is at risk. */
export const MENTOR_NUDGE_AFTER = 2;
export const AT_RISK_AFTER = 3;
export const SYSTEM_ACTOR = 'mentor-bot';

export interface NudgeRunSummary {
  resumed: number;
  planned: number;
  rounds: number;
  replanned: number;
  atRisk: number;
}

function recipientsOf(members: readonly PairingMemberRow[]): Recipient[] {
  return members.map((m) => ({ userId: m.userId, zone: safeZone(m.tz) }));
}

/** The day the pair last met, or the day it was formed: what "Have you met since …?" asks about. */
function anchorOf(p: ScheduledPairing): string {
  const formed = p.createdAt.slice(0, 10);
  return p.lastCheckInOn !== null && p.lastCheckInOn > formed ? p.lastCheckInOn : formed;
}

function planFrom(nominal: string, recipients: readonly Recipient[], now: Date): NudgePlan {
  const lead = recipients[0]?.zone ?? 'UTC';
  const start = startOfLocalDay(nominal, lead);
  return planNudge(start > now ? start : now, recipients);
}

async function queueRound(
  trx: Db,
  p: ScheduledPairing,
  members: readonly PairingMemberRow[],
  plan: NudgePlan,
  at: string,
): Promise<void> {
  const payload = nudgeMessage({ pairingId: p.id, since: anchorOf(p), cadence: p.cadence });
  if (plan.kind === 'together') {
    await enqueueMessage(
      trx,
      {
        idempotencyKey: `nudge:${p.id}:${plan.dueOn}`,
        kind: 'checkin.nudge',
        target: pairingTarget(
          p.conversationId,
          members.map((m) => m.userId),
        ),
        payload,
        notBefore: plan.at.toISOString(),
      },
      at,
    );
    return;
  }
  // Nobody shares a working hour: each person gets the nudge at their own 10:00.
  for (const slot of plan.slots) {
    await enqueueMessage(
      trx,
      {
        idempotencyKey: `nudge:${p.id}:${plan.dueOn}:${slot.userId}`,
        kind: 'checkin.nudge',
        target: slot.userId,
        payload,
        notBefore: slot.at.toISOString(),
      },
      at,
    );
  }
}

async function escalate(
  trx: Db,
  p: ScheduledPairing,
  members: readonly PairingMemberRow[],
  roundStart: Date,
  roundDate: string,
  now: Date,
): Promise<boolean> {
  const anchor = anchorOf(p);
  const missed = periodsElapsed(anchor, roundDate, p.cadence);
  const at = now.toISOString();
  if (missed >= MENTOR_NUDGE_AFTER) {
    const menteeIds = members.filter((m) => m.role === 'mentee').map((m) => m.userId);
    for (const mentor of members.filter((m) => m.role === 'mentor')) {
      await enqueueMessage(
        trx,
        {
          // Once per silent stretch: the key changes only when a new check-in moves the anchor.
          idempotencyKey: `nudge-mentor:${p.id}:${anchor}:${mentor.userId}`,
          kind: 'checkin.mentor_nudge',
          target: mentor.userId,
          payload: mentorNudgeMessage({ since: anchor, menteeIds }),
          notBefore: nextWorkingSlot(roundStart, safeZone(mentor.tz)).toISOString(),
        },
        at,
      );
    }
  }
  if (missed >= AT_RISK_AFTER && p.atRiskSince === null) {
    await updatePairingSchedule(trx, p.id, { atRiskSince: at, at });
    await insertAuditEntry(trx, {
      actorUserId: SYSTEM_ACTOR,
      action: 'pairing.at_risk',
      target: `pairing:${p.id}`,
      outcome: 'ok',
      details: { cohortId: p.cohortId, missedPeriods: missed, lastMetOn: anchor },
      at,
    });
    return true;
  }
  return false;
}

/** Plans, sends and advances one pairing's nudges. Deterministic, so two runs agree. */
async function nudgeWork(
  trx: Db,
  p: ScheduledPairing,
  members: readonly PairingMemberRow[],
  now: Date,
  summary: NudgeRunSummary,
): Promise<void> {
  const at = now.toISOString();
  const recipients = recipientsOf(members);
  if (recipients.length === 0) return;
  if (p.nextNudgeAt === null) {
    const nominal = p.nextNudgeOn ?? addCadence(anchorOf(p), p.cadence);
    const plan = planFrom(nominal, recipients, now);
    await updatePairingSchedule(trx, p.id, {
      nextNudgeOn: nominal,
      nextNudgeAt: planStart(plan).toISOString(),
      at,
    });
    summary.planned += 1;
    return;
  }
  const plan = planNudge(new Date(p.nextNudgeAt), recipients);
  const start = planStart(plan);
  if (now.getTime() - start.getTime() > STALE_ROUND_MS) {
    const replanned = planNudge(now, recipients);
    await updatePairingSchedule(trx, p.id, { nextNudgeAt: planStart(replanned).toISOString(), at });
    summary.replanned += 1;
    return;
  }
  await queueRound(trx, p, members, plan, at);
  summary.rounds += 1;
  if (await escalate(trx, p, members, start, plan.dueOn, now)) summary.atRisk += 1;
  // Advance the nominal date only past this round: a snoozed round does not shift the cadence.
  let nominal = p.nextNudgeOn ?? plan.dueOn;
  while (nominal <= plan.dueOn) nominal = addCadence(nominal, p.cadence);
  const next = planFrom(nominal, recipients, new Date(start.getTime() + 1));
  await updatePairingSchedule(trx, p.id, {
    nextNudgeOn: nominal,
    nextNudgeAt: planStart(next).toISOString(),
    at,
  });
}

const PAGE = 200;

/**
 * The nudge job: resumes pairings whose pause is over, plans unplanned pairings, and queues each
 * due round (plus the mentor nudge and at-risk flag when check-ins stop). Safe to run twice or
 * concurrently: messages have idempotency keys and the schedule advances deterministically.
 */
export async function runNudges(db: Db, now: Date): Promise<NudgeRunSummary> {
  const at = now.toISOString();
  const today = localDate(now, 'UTC');
  const summary: NudgeRunSummary = { resumed: 0, planned: 0, rounds: 0, replanned: 0, atRisk: 0 };
  summary.resumed = await writeTransaction(db, (trx) => resumePausedPairings(trx, today, at));
  let afterId = 0;
  for (;;) {
    const page = await pairingsNeedingNudgeWork(db, { now: at, today, afterId, limit: PAGE });
    if (page.length === 0) break;
    afterId = page[page.length - 1]?.id ?? afterId;
    const members = await membersOf(
      db,
      page.map((p) => p.id),
    );
    for (const candidate of page) {
      await writeTransaction(db, async (trx) => {
        // Re-read inside the write lock: another process may have handled this pairing already.
        const [p] = await findScheduledPairings(trx, [candidate.id]);
        if (p === undefined || p.state !== 'active' || (p.nextNudgeAt !== null && p.nextNudgeAt > at)) return;
        await nudgeWork(
          trx,
          p,
          members.filter((m) => m.pairingId === p.id),
          now,
          summary,
        );
      });
    }
  }
  return summary;
}

export type PairingActionOutcome = { ok: true; message: string } | { ok: false; reason: string };

async function memberContext(db: Db, pairingId: number, userId: string) {
  const [pairing] = await findScheduledPairings(db, [pairingId]);
  const members = await membersOf(db, [pairingId]);
  if (pairing === undefined || !members.some((m) => m.userId === userId)) return undefined;
  return { pairing, members };
}

const NOT_YOURS = 'These buttons belong to the people in this mentoring pairing.';

type MemberContext = NonNullable<Awaited<ReturnType<typeof memberContext>>>;

/** A pairing button's work: one write transaction, and only for members of that pairing. */
function asMember(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
  work: (trx: Db, ctx: MemberContext) => Promise<PairingActionOutcome>,
): Promise<PairingActionOutcome> {
  return writeTransaction(deps.db, async (trx) => {
    const ctx = await memberContext(trx, pairingId, userId);
    return ctx === undefined ? { ok: false, reason: NOT_YOURS } : work(trx, ctx);
  });
}

/** A member's change to their own pairing, in the audit log. */
async function auditPairing(
  trx: Db,
  entry: { userId: string; pairingId: number; action: string; at: string; details?: Record<string, string> },
): Promise<void> {
  await insertAuditEntry(trx, {
    actorUserId: entry.userId,
    action: entry.action,
    target: `pairing:${entry.pairingId}`,
    outcome: 'ok',
    ...(entry.details ? { details: entry.details } : {}),
    at: entry.at,
  });
}

/** "Not yet": ask again in three days, at a good hour; the cadence itself does not move. */
export async function snoozeNudge(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
): Promise<PairingActionOutcome> {
  const now = deps.clock();
  return asMember(deps, pairingId, userId, async (trx, ctx) => {
    const plan = planNudge(new Date(now.getTime() + SNOOZE_DAYS * 86_400_000), recipientsOf(ctx.members));
    await updatePairingSchedule(trx, pairingId, {
      nextNudgeAt: planStart(plan).toISOString(),
      at: now.toISOString(),
    });
    return { ok: true, message: `No problem. I'll ask again on ${plan.dueOn}.` };
  });
}

export async function pausePairing(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
): Promise<PairingActionOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  return asMember(deps, pairingId, userId, async (trx, ctx) => {
    const until = addDays(localDate(now, safeZone(ctx.members[0]?.tz)), PAUSE_DAYS);
    await updatePairingSchedule(trx, pairingId, {
      state: 'paused',
      pausedUntil: until,
      nextNudgeAt: null,
      at,
    });
    await auditPairing(trx, { userId, pairingId, action: 'pairing.pause', at, details: { until } });
    return { ok: true, message: `Check-in reminders are paused until ${until}. Enjoy the break!` };
  });
}

export async function changeCadence(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
  cadence: Cadence,
): Promise<PairingActionOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  return asMember(deps, pairingId, userId, async (trx, ctx) => {
    const next = addCadence(localDate(now, safeZone(ctx.members[0]?.tz)), cadence);
    await updatePairingSchedule(trx, pairingId, { cadence, nextNudgeOn: next, nextNudgeAt: null, at });
    await auditPairing(trx, {
      userId,
      pairingId,
      action: 'pairing.cadence',
      at,
      details: { from: ctx.pairing.cadence, to: cadence },
    });
    return {
      ok: true,
      message: `Done: reminders now come ${cadence === 'biweekly' ? 'every two weeks' : cadence}. The next one is around ${next}.`,
    };
  });
}

/** "Need help": every program admin hears about it through the outbox. */
export async function requestHelp(
  deps: ServiceDeps,
  pairingId: number,
  userId: string,
): Promise<PairingActionOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  const admins = deps.config.adminUserIds;
  const outcome = await asMember(deps, pairingId, userId, async (trx, ctx) => {
    if (admins.length === 0)
      return { ok: false, reason: 'No program admins are set up yet; please contact HR directly.' };
    for (const admin of admins) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `help:${pairingId}:${userId}:${localDate(now, 'UTC')}:${admin}`,
          kind: 'checkin.help',
          target: admin,
          payload: helpRequestMessage({
            requesterId: userId,
            pairingId,
            cohortName: ctx.pairing.cohortName,
            memberIds: ctx.members.map((m) => m.userId),
          }),
          notBefore: at,
        },
        at,
      );
    }
    await auditPairing(trx, { userId, pairingId, action: 'pairing.help_requested', at });
    return {
      ok: true,
      message: 'Thanks for telling us. The program team has been notified and will reach out to you.',
    };
  });
  if (outcome.ok) deps.outbox.kick();
  return outcome;
}
