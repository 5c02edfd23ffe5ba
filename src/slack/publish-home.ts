import type { WebClient } from '@slack/web-api';
import { listCohortSummaries, listOpenCohorts } from '../services/cohorts';
import { statusOf } from '../services/enrollment';
import { cohortHeadlines } from '../services/reports';
import type { SlackDeps } from './deps';
import { slackError } from './open-modal';
import { homeView } from './views/home';

/**
 * Publishes a fresh Home tab for one person: when they open it, and after they change something
 * from it (a cohort button), so the tab never shows a state that is no longer true.
 */
export async function publishHome(
  deps: SlackDeps,
  client: WebClient,
  userId: string,
  /** The hash of the tab a button was pressed on: Slack then refuses to overwrite a newer one. */
  hash?: string,
): Promise<void> {
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
    await client.views.publish({ user_id: userId, view, ...(hash === undefined ? {} : { hash }) });
  } catch (error) {
    const reason = slackError(error) ?? 'request_failed';
    // A newer tab was published in between (e.g. by app_home_opened): it is already current.
    if (reason === 'hash_conflict') return;
    deps.logger.event('warn', 'views.publish failed', {
      userId,
      reason,
    });
  }
}
