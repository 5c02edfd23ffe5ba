import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

export interface UserProfile {
  readonly id: string;
  readonly teamId: string | null;
  readonly name: string;
  readonly realName: string | null;
  readonly tz: string | null;
  readonly deleted: boolean;
}

/** Inserts or refreshes what Slack says about a person (name and time zone change over time). */
export async function upsertUser(db: Db, user: UserProfile, at: Instant): Promise<void> {
  const values = {
    team_id: user.teamId,
    name: user.name,
    real_name: user.realName,
    tz: user.tz,
    is_deleted: user.deleted ? 1 : 0,
    updated_at: at,
  };
  await db
    .insertInto('users')
    .values({ id: user.id, ...values, created_at: at })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

/** Display names by user id, for the people given (unknown ids are simply absent). */
export async function displayNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'real_name'])
    .where('id', 'in', ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.real_name ?? r.name]));
}
