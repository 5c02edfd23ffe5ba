import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from '@slack/bolt';
import { z } from 'zod';
import { listCohortSummaries, listOpenCohorts } from '../../../services/cohorts';
import { statusOf } from '../../../services/enrollment';
import { cohortHeadlines } from '../../../services/reports';
import type { SlackDeps } from '../../deps';
import { slackError } from '../../open-modal';
import { homeView } from '../../views/home';

const homeOpened = z.looseObject({ user: z.string().min(1), tab: z.string().optional() });

/** Publishes a fresh Home tab whenever someone opens it. */
function onHomeOpened(deps: SlackDeps) {
  return async ({
    event,
    client,
  }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    const parsed = homeOpened.safeParse(event);
    if (!parsed.success || (parsed.data.tab !== undefined && parsed.data.tab !== 'home')) return;
    const userId = parsed.data.user;
    const isAdmin = await deps.admins.isAdmin(userId);
    const [entries, open, cohorts] = await Promise.all([
      statusOf(deps, userId),
      listOpenCohorts(deps.db),
      isAdmin ? listCohortSummaries(deps.db) : Promise.resolve([]),
    ]);
    const headlines = await cohortHeadlines(
      deps,
      cohorts.map((c) => c.cohort.id),
    );
    const view = homeView({
      userId,
      entries,
      anyOpenCohort: open.length > 0,
      ...(isAdmin ? { admin: { cohorts, headlines } } : {}),
    });
    try {
      await client.views.publish({ user_id: userId, view });
    } catch (error) {
      deps.logger.event('warn', 'views.publish failed', {
        userId,
        reason: slackError(error) ?? 'request_failed',
      });
    }
  };
}

export function register(app: App, deps: SlackDeps): void {
  app.event('app_home_opened', onHomeOpened(deps));
}
