import { z } from 'zod';
import { SLUG_PATTERN } from '../../../../domain/cohorts';
import { deliverReport } from '../../../deliver-report';
import { COMMAND } from '../../../ids';
import { noticeMessage } from '../../../views/help';
import type { Subcommand } from '../router';

const USAGE = 'admin report [<short-name>]';

/** No words: every cohort; one word: that cohort. */
const reportArgs = z.union([
  z.tuple([]).transform(() => null),
  z.tuple([z.string().toLowerCase().regex(SLUG_PATTERN)]).transform(([slug]) => slug),
]);

export const adminReport: Subcommand = {
  path: ['admin', 'report'],
  usage: USAGE,
  summary:
    'program metrics, the participation funnel by group (small groups suppressed) and charts; no slug reports every cohort',
  audience: 'admin',
  run: async (ctx) => {
    const parsed = reportArgs.safeParse(ctx.args);
    if (!parsed.success) return ctx.reply(noticeMessage(`Usage: \`${COMMAND} ${USAGE}\``));
    await deliverReport(ctx, parsed.data);
  },
};
