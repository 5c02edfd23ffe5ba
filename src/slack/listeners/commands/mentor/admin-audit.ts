import { z } from 'zod';
import { listRecentAudit } from '../../../../services/admins';
import { auditLogMessage } from '../../../views/audit';
import { noticeMessage } from '../../../views/help';
import type { Subcommand } from '../router';

const DEFAULT_COUNT = 20;
const MAX_COUNT = 100;

const argsSchema = z.tuple([z.coerce.number().int().min(1).max(MAX_COUNT).optional()]);

export const adminAudit: Subcommand = {
  path: ['admin', 'audit'],
  usage: 'admin audit [count]',
  summary: `recent admin actions and refused attempts (default ${DEFAULT_COUNT}, at most ${MAX_COUNT})`,
  audience: 'admin',
  run: async (ctx) => {
    const parsed = argsSchema.safeParse(ctx.args);
    if (!parsed.success) {
      await ctx.reply(
        noticeMessage(`Usage: \`/mentor admin audit [count]\`, where count is 1 to ${MAX_COUNT}.`),
      );
      return;
    }
    const entries = await listRecentAudit(ctx.deps.db, parsed.data[0] ?? DEFAULT_COUNT);
    await ctx.reply(auditLogMessage(entries));
  },
};
