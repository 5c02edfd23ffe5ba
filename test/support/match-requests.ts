import { MatchIds as Ids } from '../../src/slack/ids';
import type { Harness } from './harness';
import { fillView } from './view-state';

/** "Request a different match" as a participant does it: the introduction's button, then the form. */

export async function openRequestModal(h: Harness, userId: string, pairingId: number) {
  const before = h.emulator.callsTo('views.open').length;
  await h.driver.blockAction({
    userId,
    actions: [{ action_id: Ids.requestChange, value: String(pairingId), type: 'button' }],
    message: { ts: '1700000001.000100', text: 'Meet your mentoring partner' },
  });
  await h.emulator.waitFor(() => h.emulator.callsTo('views.open').length > before);
  const opened = h.emulator.topViewFor(userId);
  if (opened === undefined) throw new Error('no modal');
  return opened;
}

/** Opens the form and sends it with `text`; returns the modal's reply as JSON text. */
export async function submitMatchRequest(
  h: Harness,
  userId: string,
  pairingId: number,
  text: string,
): Promise<string> {
  const view = await openRequestModal(h, userId, pairingId);
  const sent = await h.driver.viewSubmission({
    userId,
    view: { id: view.id, state: { values: fillView(view, { [Ids.requestReason]: { text } }) } },
  });
  return JSON.stringify(sent.json);
}

/** The person's pairing in the cohort that has not ended. */
export async function livePairingOf(h: Harness, userId: string, cohortId: number): Promise<number> {
  const row = await h.db
    .selectFrom('pairing_members')
    .innerJoin('pairings', 'pairings.id', 'pairing_members.pairing_id')
    .select('pairing_id')
    .where('user_id', '=', userId)
    .where('pairings.cohort_id', '=', cohortId)
    .where('pairings.state', '!=', 'ended')
    .executeTakeFirstOrThrow();
  return row.pairing_id;
}
