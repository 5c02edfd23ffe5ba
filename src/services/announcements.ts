import {
  type AnnouncementDraft,
  type AnnouncementProblem,
  validateAnnouncement,
} from '../domain/announcements';
import type { Cohort } from '../domain/cohorts';
import { type AnnouncementRow, findAnnouncement, markQueued, saveDraft } from '../repositories/announcements';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById } from '../repositories/cohorts';
import { enqueueMessage } from '../repositories/outbox';
import { writeTransaction } from '../repositories/transactions';
import { type AnnouncementContent, announcementMessage } from '../slack/views/announcement';
import { toCohort } from './cohorts';
import type { ServiceDeps } from './deps';

export type DraftOutcome =
  { ok: true; announcement: AnnouncementContent } | { ok: false; problems: AnnouncementProblem[] };

export type QueueOutcome =
  { ok: true; announcement: AnnouncementContent; newlyQueued: boolean } | { ok: false; reason: string };

/** The outbox key of a composer's post: one composer modal, at most one message. */
export function announcementKey(cohortId: number, composerViewId: string): string {
  return `announce:${cohortId}:${composerViewId}`;
}

function content(row: AnnouncementRow, cohort: Cohort): AnnouncementContent {
  return {
    id: row.id,
    cohort,
    channelId: row.channelId,
    text: row.text,
    joinButton: row.joinButton,
    postAt: row.postAt,
  };
}

/** Checks and stores what the composer holds, keyed by the composer's view, for the preview. */
export async function saveAnnouncementDraft(
  deps: ServiceDeps,
  actorId: string,
  input: { cohortId: number; composerViewId: string; draft: AnnouncementDraft },
): Promise<DraftOutcome> {
  const now = deps.clock();
  const at = now.toISOString();
  return writeTransaction(deps.db, async (trx) => {
    const row = await findCohortById(trx, input.cohortId);
    if (row === undefined)
      return { ok: false, problems: [{ field: 'text', message: 'This cohort no longer exists.' }] };
    const cohort = toCohort(row);
    const problems = validateAnnouncement(input.draft, { now, cohortState: cohort.state });
    if (problems.length > 0) return { ok: false, problems };
    const saved = await saveDraft(
      trx,
      { cohortId: cohort.id, composerViewId: input.composerViewId, createdBy: actorId, ...input.draft },
      at,
    );
    return { ok: true, announcement: content(saved, cohort) };
  });
}

/**
 * Queues the previewed announcement in the outbox, now or at its time. Pressing Post twice (or a
 * redelivered submission) finds it queued already and queues nothing: the outbox key would refuse
 * a second row anyway.
 */
export async function queueAnnouncement(
  deps: ServiceDeps,
  actorId: string,
  announcementId: number,
): Promise<QueueOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(deps.db, async (trx): Promise<QueueOutcome> => {
    const row = await findAnnouncement(trx, announcementId);
    const cohortRow = row === undefined ? undefined : await findCohortById(trx, row.cohortId);
    if (row === undefined || cohortRow === undefined)
      return { ok: false, reason: 'This announcement no longer exists.' };
    const announcement = content(row, toCohort(cohortRow));
    const key = announcementKey(row.cohortId, row.composerViewId);
    if (!(await markQueued(trx, row.id, { by: actorId, outboxKey: key, at }))) {
      return { ok: true, announcement, newlyQueued: false };
    }
    const notBefore = row.postAt !== null && row.postAt > at ? row.postAt : at;
    await enqueueMessage(
      trx,
      {
        idempotencyKey: key,
        kind: 'cohort.announcement',
        target: row.channelId,
        payload: announcementMessage(announcement),
        notBefore,
      },
      at,
    );
    await insertAuditEntry(trx, {
      actorUserId: actorId,
      action: 'announcement.queue',
      target: announcement.cohort.slug,
      outcome: 'ok',
      details: { channel: row.channelId, postAt: row.postAt, joinButton: row.joinButton },
      at,
    });
    return { ok: true, announcement, newlyQueued: true };
  });
  if (outcome.ok && outcome.newlyQueued) deps.outbox.kick();
  return outcome;
}
