import type { Db } from '../../db/connection';
import type { Cadence, CalendarDate, Instant, PairingState, Track } from '../../db/schema';

export interface PairingMemberRow {
  readonly pairingId: number;
  readonly userId: string;
  readonly role: 'mentor' | 'mentee';
  readonly tz: string | null;
}

/** Members of the pairings, mentors first, with their time zones. */
export async function membersOf(db: Db, pairingIds: readonly number[]): Promise<PairingMemberRow[]> {
  if (pairingIds.length === 0) return [];
  const rows = await db
    .selectFrom('pairing_members as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.pairing_id', 'm.user_id', 'm.role', 'u.tz'])
    .where('m.pairing_id', 'in', pairingIds)
    .orderBy('m.pairing_id')
    .orderBy('m.user_id')
    .execute();
  // Mentors first: the mentor's zone leads when a group's common hour is chosen.
  const rank = (role: string) => (role === 'mentor' ? 0 : 1);
  return rows
    .map((r) => ({ pairingId: r.pairing_id, userId: r.user_id, role: r.role, tz: r.tz ?? null }))
    .sort((a, b) => a.pairingId - b.pairingId || rank(a.role) - rank(b.role));
}

export interface ScheduledPairing {
  readonly id: number;
  readonly cohortId: number;
  readonly cohortName: string;
  readonly track: Track;
  readonly guidelines: string;
  readonly announcementChannelId: string | null;
  readonly state: PairingState;
  readonly cadence: Cadence;
  readonly reasons: string;
  readonly conversationId: string | null;
  readonly pausedUntil: CalendarDate | null;
  readonly createdAt: Instant;
  readonly nextNudgeOn: CalendarDate | null;
  readonly nextNudgeAt: Instant | null;
  readonly atRiskSince: Instant | null;
  readonly lastCheckInOn: CalendarDate | null;
}

function baseQuery(db: Db) {
  return db
    .selectFrom('pairings as p')
    .innerJoin('cohorts as c', 'c.id', 'p.cohort_id')
    .select((eb) => [
      'p.id',
      'p.cohort_id',
      'c.name as cohort_name',
      'c.track',
      'c.guidelines',
      'c.announcement_channel_id',
      'p.state',
      'p.cadence',
      'p.reasons',
      'p.conversation_id',
      'p.paused_until',
      'p.created_at',
      'p.next_nudge_on',
      'p.next_nudge_at',
      'p.at_risk_since',
      eb
        .selectFrom('check_ins as k')
        .select((k) => k.fn.max('k.met_on').as('m'))
        .whereRef('k.pairing_id', '=', 'p.id')
        .as('last_check_in_on'),
    ]);
}

type BaseRow = Awaited<ReturnType<ReturnType<typeof baseQuery>['execute']>>[number];

function toScheduled(r: BaseRow): ScheduledPairing {
  return {
    id: r.id,
    cohortId: r.cohort_id,
    cohortName: r.cohort_name,
    track: r.track,
    guidelines: r.guidelines,
    announcementChannelId: r.announcement_channel_id,
    state: r.state,
    cadence: r.cadence,
    reasons: r.reasons,
    conversationId: r.conversation_id,
    pausedUntil: r.paused_until,
    createdAt: r.created_at,
    nextNudgeOn: r.next_nudge_on,
    nextNudgeAt: r.next_nudge_at,
    atRiskSince: r.at_risk_since,
    lastCheckInOn: r.last_check_in_on ?? null,
  };
}

export async function findScheduledPairings(db: Db, ids: readonly number[]): Promise<ScheduledPairing[]> {
  if (ids.length === 0) return [];
  return (await baseQuery(db).where('p.id', 'in', ids).orderBy('p.id').execute()).map(toScheduled);
}

/** Active pairings of active cohorts whose next nudge is due or not yet planned. */
export async function pairingsNeedingNudgeWork(
  db: Db,
  args: { now: Instant; today: CalendarDate; afterId: number; limit: number },
): Promise<ScheduledPairing[]> {
  const rows = await baseQuery(db)
    .where('p.state', '=', 'active')
    .where('c.state', '=', 'active')
    .where((eb) => eb.or([eb('c.ends_on', 'is', null), eb('c.ends_on', '>', args.today)]))
    .where((eb) => eb.or([eb('p.next_nudge_at', 'is', null), eb('p.next_nudge_at', '<=', args.now)]))
    .where('p.id', '>', args.afterId)
    .orderBy('p.id')
    .limit(args.limit)
    .execute();
  return rows.map(toScheduled);
}

/** Paused pairings whose pause is over: active again, with the nudge schedule to be planned. */
export async function resumePausedPairings(db: Db, today: CalendarDate, at: Instant): Promise<number> {
  const result = await db
    .updateTable('pairings')
    .set((eb) => ({
      state: 'active',
      next_nudge_on: eb.ref('paused_until'),
      next_nudge_at: null,
      paused_until: null,
      updated_at: at,
    }))
    .where('state', '=', 'paused')
    .where('paused_until', '<=', today)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updatePairingSchedule(
  db: Db,
  id: number,
  values: {
    nextNudgeOn?: CalendarDate | null;
    nextNudgeAt?: Instant | null;
    cadence?: Cadence;
    state?: PairingState;
    pausedUntil?: CalendarDate | null;
    atRiskSince?: Instant | null;
    at: Instant;
  },
): Promise<void> {
  await db
    .updateTable('pairings')
    .set({
      ...(values.nextNudgeOn !== undefined ? { next_nudge_on: values.nextNudgeOn } : {}),
      ...(values.nextNudgeAt !== undefined ? { next_nudge_at: values.nextNudgeAt } : {}),
      ...(values.cadence !== undefined ? { cadence: values.cadence } : {}),
      ...(values.state !== undefined ? { state: values.state } : {}),
      ...(values.pausedUntil !== undefined ? { paused_until: values.pausedUntil } : {}),
      ...(values.atRiskSince !== undefined ? { at_risk_since: values.atRiskSince } : {}),
      updated_at: values.at,
    })
    .where('id', '=', id)
    .execute();
}

/** Stores the group DM once; the first conversation opened for the pairing stays its home. */
export async function setPairingConversation(
  db: Db,
  id: number,
  channel: string,
  at: Instant,
): Promise<void> {
  await db
    .updateTable('pairings')
    .set({ conversation_id: channel, updated_at: at })
    .where('id', '=', id)
    .where('conversation_id', 'is', null)
    .execute();
}

export async function endPairings(db: Db, cohortId: number, at: Instant): Promise<void> {
  await db
    .updateTable('pairings')
    .set({ state: 'ended', ended_at: at, next_nudge_at: null, updated_at: at })
    .where('cohort_id', '=', cohortId)
    .where('state', '!=', 'ended')
    .execute();
}
