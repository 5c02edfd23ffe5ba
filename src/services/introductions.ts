import type { Db } from '../../db/connection';
import type { Instant } from '../../db/schema';
import { addCadence, localDate, safeZone } from '../domain/schedule';
import type { AfterSent } from '../jobs/dispatcher';
import { enqueueMessage } from '../repositories/outbox';
import { insertBatch, setBatchTotal } from '../repositories/outbox-batches';
import {
  findScheduledPairings,
  membersOf,
  setPairingConversation,
  updatePairingSchedule,
} from '../repositories/pairing-schedule';
import { progressMessage } from '../slack/views/progress';
import { introductionMessage, pairsFormedMessage } from '../slack/views/scheduled';

export interface IntroductionRequest {
  readonly cohortId: number;
  readonly pairingIds: readonly number[];
  /** The admin who approved the match: they get a progress message. */
  readonly startedBy: string;
  readonly at: Instant;
  /**
   * Set when people joined existing groups (`joined:<ids>`): the group is introduced again under
   * this key, its nudge schedule stays, and the channel is not told pairs were formed.
   */
  readonly occasion?: string;
}

export interface IntroductionsQueued {
  /** Introductions newly queued (a pairing introduced before is not introduced again). */
  readonly queued: number;
  readonly batchId: number | undefined;
}

const reasonsSchema = (raw: string): string[] => {
  try {
    const parsed: unknown = JSON.parse(raw);
    return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
  } catch {
    return [];
  }
};

/** The conversation of a pairing: its stored group DM, or the members for the dispatcher to open. */
export function pairingTarget(conversationId: string | null, memberIds: readonly string[]): string {
  return conversationId ?? `users:${memberIds.join(',')}`;
}

/**
 * Queues the introductions of approved pairings, in the caller's transaction: one group DM per
 * pair or group, a progress message to the approving admin, and "N pairs formed" in the cohort
 * channel. Also plans each pairing's first check-in nudge one cadence period from now. After the
 * transaction commits, call `deps.outbox.kick()` so sending starts at once.
 */
export async function queueIntroductions(
  trx: Db,
  request: IntroductionRequest,
): Promise<IntroductionsQueued> {
  const pairings = (await findScheduledPairings(trx, request.pairingIds)).filter(
    (p) => p.cohortId === request.cohortId,
  );
  if (pairings.length === 0) return { queued: 0, batchId: undefined };
  const members = await membersOf(
    trx,
    pairings.map((p) => p.id),
  );
  const progressKey = `progress:intro:${request.cohortId}:${request.at}:${request.startedBy}${request.occasion === undefined ? '' : `:${request.occasion}`}`;
  const batchId = await insertBatch(trx, {
    kind: 'pairing.introduction',
    label: 'introductions',
    startedBy: request.startedBy,
    total: pairings.length,
    progressKey,
    at: request.at,
  });
  await enqueueMessage(
    trx,
    {
      idempotencyKey: progressKey,
      kind: 'progress',
      target: request.startedBy,
      payload: progressMessage({ label: 'introductions', sent: 0, failed: 0, total: pairings.length }),
      notBefore: request.at,
    },
    request.at,
  );
  let queued = 0;
  for (const pairing of pairings) {
    const mine = members.filter((m) => m.pairingId === pairing.id);
    const message = introductionMessage({
      pairingId: pairing.id,
      cohortName: pairing.cohortName,
      track: pairing.track,
      members: mine.map((m) => ({ userId: m.userId, role: m.role })),
      reasons: reasonsSchema(pairing.reasons),
      guidelines: pairing.guidelines,
    });
    const fresh = await enqueueMessage(
      trx,
      {
        idempotencyKey: `intro:${pairing.id}${request.occasion === undefined ? '' : `:${request.occasion}`}`,
        kind: 'pairing.introduction',
        target: pairingTarget(
          pairing.conversationId,
          mine.map((m) => m.userId),
        ),
        payload: message,
        notBefore: request.at,
        batchId,
      },
      request.at,
    );
    if (!fresh) continue;
    queued += 1;
    if (request.occasion !== undefined) continue;
    const lead = safeZone(mine[0]?.tz);
    await updatePairingSchedule(trx, pairing.id, {
      nextNudgeOn: addCadence(localDate(new Date(request.at), lead), pairing.cadence),
      nextNudgeAt: null,
      at: request.at,
    });
  }
  await setBatchTotal(trx, batchId, queued, request.at);
  const channel = pairings[0]?.announcementChannelId ?? null;
  if (queued > 0 && channel !== null && request.occasion === undefined) {
    await enqueueMessage(
      trx,
      {
        idempotencyKey: `pairs-formed:${request.cohortId}:${batchId}`,
        kind: 'cohort.pairs_formed',
        target: channel,
        payload: pairsFormedMessage({ cohortName: pairings[0]?.cohortName ?? '', count: queued }),
        notBefore: request.at,
      },
      request.at,
    );
  }
  return { queued, batchId };
}

const PAIRING_KEY = /^(?:intro|nudge|wrapup|group-left):(\d+)(?::|$)/;

/** After an introduction (or a nudge that opened the group DM) is sent: remember the DM. */
export const rememberPairingConversation: AfterSent = async (db, row, sent) => {
  const match = PAIRING_KEY.exec(row.idempotency_key);
  if (match?.[1] === undefined || !row.target.startsWith('users:')) return;
  await setPairingConversation(db, Number(match[1]), sent.channel, sent.at);
};
