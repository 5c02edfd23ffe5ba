import { z } from 'zod';
import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';

/**
 * A previewed proposal as stored: what the admin saw, names included, so paging, the CSV and
 * Approve all work from exactly that and never from a fresh run.
 */
const reason = z.object({ code: z.string(), points: z.number(), text: z.string() });
export const storedProposal = z.object({
  track: z.string(),
  pairs: z.array(
    z.object({
      mentorId: z.string(),
      menteeId: z.string(),
      score: z.number(),
      reasons: z.array(reason),
      pinned: z.boolean(),
    }),
  ),
  unmatched: z.array(z.object({ menteeId: z.string(), code: z.string(), reason: z.string() })),
  suggestions: z.array(z.object({ text: z.string() })),
  warnings: z.array(z.string()),
  stats: z.object({
    mentees: z.number(),
    mentors: z.number(),
    matched: z.number(),
    meanScore: z.number(),
    certified: z.boolean(),
    histogram: z.array(z.object({ from: z.number(), to: z.number(), count: z.number() })),
  }),
  names: z.record(z.string(), z.string()),
});
export type StoredProposal = z.infer<typeof storedProposal>;

export interface ProposalRecord {
  readonly id: number;
  readonly cohortId: number;
  readonly seed: number;
  readonly proposal: StoredProposal;
  readonly inputFingerprint: string | null;
  readonly createdBy: string;
  readonly approvedAt: Instant | null;
}

export async function insertProposal(
  db: Db,
  values: {
    cohortId: number;
    seed: number;
    proposal: StoredProposal;
    inputFingerprint: string;
    createdBy: string;
    at: Instant;
  },
): Promise<number> {
  const row = await db
    .insertInto('match_proposals')
    .values({
      cohort_id: values.cohortId,
      seed: values.seed,
      proposal: JSON.stringify(values.proposal),
      input_fingerprint: values.inputFingerprint,
      created_by: values.createdBy,
      created_at: values.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findProposal(db: Db, id: number): Promise<ProposalRecord | undefined> {
  const row = await db.selectFrom('match_proposals').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return undefined;
  return {
    id: row.id,
    cohortId: row.cohort_id,
    seed: row.seed,
    proposal: storedProposal.parse(JSON.parse(row.proposal)),
    inputFingerprint: row.input_fingerprint,
    createdBy: row.created_by,
    approvedAt: row.approved_at,
  };
}

export async function latestProposalId(db: Db, cohortId: number): Promise<number | undefined> {
  const row = await db
    .selectFrom('match_proposals')
    .select('id')
    .where('cohort_id', '=', cohortId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id;
}

/** Marks the proposal approved unless it already was; false means someone approved it first. */
export async function markProposalApproved(db: Db, id: number, by: string, at: Instant): Promise<boolean> {
  const result = await db
    .updateTable('match_proposals')
    .set({ approved_by: by, approved_at: at })
    .where('id', '=', id)
    .where('approved_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
