import type { Db } from '../../db/connection';
import { insertAuditEntry } from '../repositories/audit';
import { findCohortById, findCohortBySlug } from '../repositories/cohorts';
import type { MatchRequestResolution } from '../../db/schema';
import {
  findMatchRequest,
  findOpenMatchRequest,
  insertMatchRequest,
  type MatchRequestRow,
  openMatchRequestRows,
  resolveMatchRequestRow,
  setMatchRequestReason,
} from '../repositories/match-requests';
import { enqueueMessage } from '../repositories/outbox';
import { findScheduledPairings, membersOf } from '../repositories/pairing-schedule';
import { writeTransaction } from '../repositories/transactions';
import {
  alreadyResolvedText,
  MATCH_REQUEST_REASON_MAX,
  matchRequestAdminMessage,
  matchRequestResolvedMessage,
} from '../slack/views/match-request';
import type { ServiceDeps } from './deps';
import { rematchPerson } from './rematch';

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
    if (pairing.state === 'ended') {
      return {
        ok: false,
        field: false,
        reason:
          'This pairing has ended, so there is nothing to change. If you would like a new mentoring match, please contact the program admins.',
      };
    }
    const cohort = await findCohortById(trx, pairing.cohortId);
    // One open request per person and pairing: asking again adds to it rather than queueing twice.
    const open = await findOpenMatchRequest(trx, pairing.id, input.userId);
    const requestId =
      open === undefined
        ? await insertMatchRequest(trx, {
            cohortId: pairing.cohortId,
            pairingId: pairing.id,
            userId: input.userId,
            reason,
            at,
          })
        : open.id;
    if (open !== undefined) await setMatchRequestReason(trx, open.id, foldedReason(open.reason, reason));
    for (const admin of admins) {
      await enqueueMessage(
        trx,
        {
          idempotencyKey: `match-request:${requestId}:${open === undefined ? '' : `${at}:`}${admin}`,
          kind: 'match.change_request',
          target: admin,
          payload: matchRequestAdminMessage({
            requestId,
            requesterId: input.userId,
            cohortName: pairing.cohortName,
            cohortSlug: cohort?.slug ?? '',
            memberIds: members.map((m) => m.userId),
            reason,
            addedToOpen: open !== undefined,
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
      details: { request: requestId, folded: open !== undefined },
      at,
    });
    return {
      ok: true,
      message:
        open === undefined
          ? 'Thanks. The program admins have your request and will reach out to you.'
          : 'You already have an open request for this pairing, so I added this to it rather than starting another. The program admins have been told.',
    };
  }).then((outcome) => {
    if (outcome.ok) deps.outbox.kick();
    return outcome;
  });
}

/** Stored text of a request someone added to: both reasons, the newest kept whole if it must be cut. */
export const MATCH_REQUEST_STORED_MAX = 4000;

function foldedReason(earlier: string, added: string): string {
  const both = `${earlier}\n\n${added}`;
  return both.length <= MATCH_REQUEST_STORED_MAX ? both : `…${both.slice(-(MATCH_REQUEST_STORED_MAX - 1))}`;
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

export type OpenRequestList = Extract<RequestListOutcome, { ok: true }>;

export type ResolveOutcome =
  /** `list`: the cohort's open requests as they are now, to redraw the admin's list with. */
  { ok: true; notice: string; list: OpenRequestList } | { ok: false; reason: string };

/**
 * Marks an open request resolved, tells the requester and audits it, in the caller's
 * transaction. Returns the refusal text when it was resolved already (by anyone, any way).
 */
export async function closeMatchRequest(
  trx: Db,
  input: {
    request: MatchRequestRow;
    cohortName: string;
    actorId: string;
    resolution: MatchRequestResolution;
    at: string;
    details?: Readonly<Record<string, string | number | boolean | null>>;
  },
): Promise<string | undefined> {
  const { request, actorId, resolution, at } = input;
  if (!(await resolveMatchRequestRow(trx, request.id, { by: actorId, resolution, at }))) {
    const now = await findMatchRequest(trx, request.id);
    return alreadyResolvedText({
      resolution: now?.resolution ?? null,
      resolvedBy: now?.resolvedBy ?? null,
      resolvedAt: now?.resolvedAt ?? at,
    });
  }
  await enqueueMessage(
    trx,
    {
      idempotencyKey: `match-request-resolved:${request.id}`,
      kind: 'match.change_request_resolved',
      target: request.userId,
      payload: matchRequestResolvedMessage({ cohortName: input.cohortName, adminId: actorId, resolution }),
      notBefore: at,
    },
    at,
  );
  await insertAuditEntry(trx, {
    actorUserId: actorId,
    action: `match.request_${resolution === 'rematched' ? 'rematch' : 'dismiss'}`,
    target: `request:${request.id}`,
    outcome: 'ok',
    details: { pairing: request.pairingId, ...input.details },
    at,
  });
  return undefined;
}

/** Audits a Rematch or Dismiss that changed nothing; the reason text is not stored (it names people). */
export async function auditRefusedResolution(
  db: Db,
  input: { actorId: string; requestId: number; resolution: MatchRequestResolution; code: string; at: string },
): Promise<void> {
  await insertAuditEntry(db, {
    actorUserId: input.actorId,
    action: `match.request_${input.resolution === 'rematched' ? 'rematch' : 'dismiss'}`,
    target: `request:${input.requestId}`,
    outcome: 'failed',
    details: { code: input.code },
    at: input.at,
  });
}

/** The open list after a resolution, or the refusal when the request's cohort is gone. */
export async function listAfterResolution(
  deps: { db: Db },
  cohortId: number,
  notice: string,
): Promise<ResolveOutcome> {
  const cohort = await findCohortById(deps.db, cohortId);
  const list = cohort === undefined ? undefined : await openMatchRequests(deps, cohort.slug);
  if (list === undefined || !list.ok) return { ok: false, reason: 'That cohort no longer exists.' };
  return { ok: true, notice, list };
}

/** An admin keeps the pairing as it is: the request closes and the requester is told. */
export async function dismissMatchRequest(
  deps: ServiceDeps,
  actorId: string,
  requestId: number,
): Promise<ResolveOutcome> {
  const at = deps.clock().toISOString();
  const outcome = await writeTransaction(
    deps.db,
    async (trx): Promise<{ ok: true; cohortId: number; userId: string } | { ok: false; reason: string }> => {
      const request = await findMatchRequest(trx, requestId);
      const cohort = request === undefined ? undefined : await findCohortById(trx, request.cohortId);
      const refused = async (code: string, reason: string) => {
        await auditRefusedResolution(trx, { actorId, requestId, resolution: 'dismissed', code, at });
        return { ok: false as const, reason };
      };
      if (request === undefined || cohort === undefined)
        return refused('missing', 'That request no longer exists.');
      const already = await closeMatchRequest(trx, {
        request,
        cohortName: cohort.name,
        actorId,
        resolution: 'dismissed',
        at,
      });
      if (already !== undefined) return refused('already_resolved', already);
      return { ok: true, cohortId: cohort.id, userId: request.userId };
    },
  );
  if (!outcome.ok) return outcome;
  deps.outbox.kick();
  return listAfterResolution(
    deps,
    outcome.cohortId,
    `Dismissed <@${outcome.userId}>'s request; they keep their pairing and have been told.`,
  );
}

/**
 * An admin matches the requester with someone new: their pairing ends (or, in a group that carries
 * on, they leave it) only if the engine finds them a new match, and the request closes in the same
 * transaction. The engine runs before the transaction; see `rematchPerson`.
 */
export async function rematchMatchRequest(
  deps: ServiceDeps,
  actorId: string,
  requestId: number,
): Promise<ResolveOutcome> {
  const at = deps.clock().toISOString();
  const request = await findMatchRequest(deps.db, requestId);
  const cohort = request === undefined ? undefined : await findCohortById(deps.db, request.cohortId);
  const refused = async (code: string, reason: string): Promise<ResolveOutcome> => {
    await auditRefusedResolution(deps.db, { actorId, requestId, resolution: 'rematched', code, at });
    return { ok: false, reason };
  };
  if (request === undefined || cohort === undefined)
    return refused('missing', 'That request no longer exists.');
  const { resolvedAt, resolvedBy, resolution } = request;
  if (resolvedAt !== null)
    return refused('already_resolved', alreadyResolvedText({ resolvedAt, resolvedBy, resolution }));
  const [pairing] = await findScheduledPairings(deps.db, [request.pairingId]);
  const outcome = await rematchPerson(deps, actorId, {
    cohort: { id: cohort.id },
    userId: request.userId,
    ...(pairing !== undefined && pairing.state !== 'ended' ? { leavingPairingId: pairing.id } : {}),
    inTransaction: (trx) =>
      closeMatchRequest(trx, { request, cohortName: cohort.name, actorId, resolution: 'rematched', at }),
  });
  if (!outcome.ok)
    return refused(outcome.code === 'refused' ? 'already_resolved' : outcome.code, outcome.reason);
  return listAfterResolution(deps, cohort.id, `Rematched <@${request.userId}>. ${outcome.message}`);
}
