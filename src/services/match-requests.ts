import type { Db } from '../../db/connection';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import { insertMatchRequest, openMatchRequestRows } from '../repositories/match-requests';
import { enqueueMessage } from '../repositories/outbox';
import { findScheduledPairings, membersOf } from '../repositories/pairing-schedule';
import { writeTransaction } from '../repositories/transactions';
import { MATCH_REQUEST_REASON_MAX, matchRequestAdminMessage } from '../slack/views/match-request';
import type { ServiceDeps } from './deps';

export type MatchRequestOutcome =
  { ok: true; message: string } | { ok: false; field: boolean; reason: string };

/**
 * A participant asks for a different match. The request is stored and every admin gets a DM
 * through the outbox; the reason goes to the admins and nowhere else (not the audit, not logs).
 */
export async function requestDifferentMatch(
  deps: ServiceDeps,
  input: { pairingId: number; userId: string; reason: string },
): Promise<MatchRequestOutcome> {
  const reason = input.reason.trim();
  if (reason === '') return { ok: false, field: true, reason: 'Please tell the admins why.' };
  if (reason.length > MATCH_REQUEST_REASON_MAX) {
    return {
      ok: false,
      field: true,
      reason: `Please keep this under ${MATCH_REQUEST_REASON_MAX} characters (now ${reason.length}).`,
    };
  }
  const at = deps.clock().toISOString();
  return writeTransaction(deps.db, async (trx): Promise<MatchRequestOutcome> => {
    const [pairing] = await findScheduledPairings(trx, [input.pairingId]);
    const members = await membersOf(trx, [input.pairingId]);
    if (pairing === undefined || !members.some((m) => m.userId === input.userId)) {
      return {
        ok: false,
        field: false,
        reason: 'This button belongs to the people in this mentoring pairing.',
      };
    }
    const admins = deps.config.adminUserIds;
    if (admins.length === 0) {
      return {
        ok: false,
        field: false,
        reason: 'No program admins are set up yet; please contact HR directly.',
      };
    }
    const cohort = await findCohortById(trx, pairing.cohortId);
    const requestId = await insertMatchRequest(trx, {
      cohortId: pairing.cohortId,
      pairingId: pairing.id,
      userId: input.userId,
      reason,
      at,
    });
    for (const admin of admins) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `match-request:${requestId}:${admin}`,
          kind: 'match.change_request',
          target: admin,
          payload: matchRequestAdminMessage({
            requesterId: input.userId,
            cohortName: pairing.cohortName,
            cohortSlug: cohort?.slug ?? '',
            memberIds: members.map((m) => m.userId),
            reason,
          }),
          notBefore: at,
        },
        at,
      );
    }
    await insertAuditEntry(trx, {
      actorUserId: input.userId,
      action: 'match.change_requested',
      target: `pairing:${pairing.id}`,
      outcome: 'ok',
      at,
    });
    return { ok: true, message: 'Thanks. The program admins have your request and will reach out to you.' };
  }).then((outcome) => {
    if (outcome.ok) deps.outbox.kick();
    return outcome;
  });
}

export interface OpenMatchRequest {
  readonly id: number;
  readonly userId: string;
  readonly memberIds: readonly string[];
  readonly reason: string;
  readonly createdAt: string;
}

export type RequestListOutcome =
  { ok: true; cohortName: string; requests: OpenMatchRequest[] } | { ok: false; reason: string };

export async function openMatchRequests(deps: { db: Db }, slug: string): Promise<RequestListOutcome> {
  const cohort = await findCohortBySlug(deps.db, slug);
  if (cohort === undefined) return { ok: false, reason: `There is no cohort called \`${slug}\`.` };
  const rows = await openMatchRequestRows(deps.db, cohort.id);
  const members = await membersOf(
    deps.db,
    rows.map((r) => r.pairingId),
  );
  return {
    ok: true,
    cohortName: cohort.name,
    requests: rows.map((r) => ({
      id: r.id,
      userId: r.userId,
      memberIds: members.filter((m) => m.pairingId === r.pairingId).map((m) => m.userId),
      reason: r.reason,
      createdAt: r.createdAt,
    })),
  };
}
