import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { CalendarDate, Instant, PairingState } from '../../db/schema';
import type { Role } from '../domain/cohorts';

export interface PairingMember {
  readonly userId: string;
  readonly role: Role;
}

export interface PairingView {
  readonly id: number;
  readonly cohortId: number;
  readonly state: PairingState;
  readonly cadence: string;
  readonly reasons: readonly string[];
  readonly members: readonly PairingMember[];
  readonly nextNudgeOn: CalendarDate | null;
  readonly lastMetOn: CalendarDate | null;
  readonly checkIns: number;
}

const reasonsJson = z.array(z.string());

function parseReasons(text: string): string[] {
  try {
    const parsed = reasonsJson.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** The pairings (active or paused) a person belongs to, with members and check-in summary. */
export async function pairingsOfUser(db: Db, userId: string): Promise<PairingView[]> {
  const pairings = await db
    .selectFrom('pairings')
    .innerJoin('pairing_members as me', 'me.pairing_id', 'pairings.id')
    .select([
      'pairings.id',
      'pairings.cohort_id',
      'pairings.state',
      'pairings.cadence',
      'pairings.reasons',
      'pairings.next_nudge_on',
    ])
    .where('me.user_id', '=', userId)
    .where('pairings.state', 'in', ['active', 'paused'])
    .orderBy('pairings.id')
    .execute();
  if (pairings.length === 0) return [];
  const ids = pairings.map((p) => p.id);
  const members = await db
    .selectFrom('pairing_members')
    .select(['pairing_id', 'user_id', 'role'])
    .where('pairing_id', 'in', ids)
    .orderBy('role')
    .orderBy('user_id')
    .execute();
  const checkIns = await db
    .selectFrom('check_ins')
    .select([
      'pairing_id',
      (eb) => eb.fn.max('met_on').as('last'),
      (eb) => eb.fn.countAll<number | string | bigint>().as('n'),
    ])
    .where('pairing_id', 'in', ids)
    .groupBy('pairing_id')
    .execute();
  return pairings.map((p) => {
    const summary = checkIns.find((c) => c.pairing_id === p.id);
    return {
      id: p.id,
      cohortId: p.cohort_id,
      state: p.state,
      cadence: p.cadence,
      reasons: parseReasons(p.reasons),
      members: members.filter((m) => m.pairing_id === p.id).map((m) => ({ userId: m.user_id, role: m.role })),
      nextNudgeOn: p.next_nudge_on,
      lastMetOn: summary?.last ?? null,
      checkIns: Number(summary?.n ?? 0),
    };
  });
}

/** Takes a person out of a pairing; a pairing left with one member (or no mentor) ends. */
export async function leavePairing(db: Db, pairingId: number, userId: string, at: Instant): Promise<void> {
  await db
    .deleteFrom('pairing_members')
    .where('pairing_id', '=', pairingId)
    .where('user_id', '=', userId)
    .execute();
  const left = await db
    .selectFrom('pairing_members')
    .select('role')
    .where('pairing_id', '=', pairingId)
    .execute();
  if (left.length < 2 || !left.some((m) => m.role === 'mentor') || !left.some((m) => m.role === 'mentee')) {
    await db
      .updateTable('pairings')
      .set({ state: 'ended', ended_at: at, updated_at: at })
      .where('id', '=', pairingId)
      .execute();
    return;
  }
  // Slack cannot take anyone out of a group DM: the next message opens one without them.
  await db
    .updateTable('pairings')
    .set({ conversation_id: null, updated_at: at })
    .where('id', '=', pairingId)
    .execute();
}

/** Ends one pairing (its history stays: the members are kept, so the pair is never repeated). */
export async function endPairing(db: Db, pairingId: number, at: Instant): Promise<void> {
  await db
    .updateTable('pairings')
    .set({ state: 'ended', ended_at: at, next_nudge_at: null, updated_at: at })
    .where('id', '=', pairingId)
    .where('state', '!=', 'ended')
    .execute();
}

/** The mentor's live (active or paused) pairing in the cohort, if any. */
export async function livePairingOfMentor(
  db: Db,
  cohortId: number,
  mentorId: string,
): Promise<number | undefined> {
  const row = await db
    .selectFrom('pairings as p')
    .innerJoin('pairing_members as m', 'm.pairing_id', 'p.id')
    .select('p.id')
    .where('p.cohort_id', '=', cohortId)
    .where('p.state', 'in', ['active', 'paused'])
    .where('m.user_id', '=', mentorId)
    .where('m.role', '=', 'mentor')
    .orderBy('p.id')
    .executeTakeFirst();
  return row?.id;
}

/**
 * Adds mentees to a group. The group DM is forgotten: Slack cannot add people to one, so the next
 * message opens a new one with everyone.
 */
export async function joinPairing(
  db: Db,
  pairingId: number,
  menteeIds: readonly string[],
  at: Instant,
): Promise<void> {
  await db
    .insertInto('pairing_members')
    .values(menteeIds.map((id) => ({ pairing_id: pairingId, user_id: id, role: 'mentee' as const })))
    .execute();
  await db
    .updateTable('pairings')
    .set({ conversation_id: null, updated_at: at })
    .where('id', '=', pairingId)
    .execute();
}
