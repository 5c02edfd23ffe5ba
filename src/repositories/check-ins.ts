import type { Db } from '../../db/connection';
import type { CalendarDate, Instant } from '../../db/schema';

export interface NewCheckIn {
  readonly pairingId: number;
  readonly loggedBy: string;
  readonly metOn: CalendarDate;
  readonly durationMinutes: number | null;
  readonly topics: string | null;
  readonly privateNotes: string | null;
  readonly rating: number;
  readonly at: Instant;
}

export async function insertCheckIn(db: Db, c: NewCheckIn): Promise<number> {
  const row = await db
    .insertInto('check_ins')
    .values({
      pairing_id: c.pairingId,
      logged_by: c.loggedBy,
      met_on: c.metOn,
      duration_minutes: c.durationMinutes,
      topics: c.topics,
      private_notes: c.privateNotes,
      rating: c.rating,
      created_at: c.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}
