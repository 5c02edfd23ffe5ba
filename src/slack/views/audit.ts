import type { KnownBlock } from '@slack/types';
import type { AuditView } from '../../services/admins';
import type { EphemeralMessage } from './help';
import { chunkLines, escapeMrkdwn } from './text';

const OUTCOME_MARK: Record<AuditView['outcome'], string> = { ok: '✓', denied: '⛔', failed: '⚠' };

/** The admin's view of recent admin actions and refused attempts. */
export function auditLogMessage(entries: readonly AuditView[]): EphemeralMessage {
  if (entries.length === 0) {
    const text = 'The audit log is empty: no admin actions or refused attempts yet.';
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const lines = entries.map((e) => {
    const target = e.target === null ? '' : ` ${escapeMrkdwn(e.target)}`;
    return `${OUTCOME_MARK[e.outcome]} ${e.at.slice(0, 16).replace('T', ' ')} UTC · <@${e.actorUserId}> · \`${escapeMrkdwn(e.action)}\`${target} · ${e.outcome}`;
  });
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `Audit log: last ${entries.length}` } },
    ...chunkLines(lines, 3000).map((text): KnownBlock => ({
      type: 'section',
      text: { type: 'mrkdwn', text },
    })),
  ];
  return { text: `Audit log: last ${entries.length} entries`, blocks };
}
