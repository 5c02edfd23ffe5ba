import type { AdminDirectory } from '../services/admins';
import type { ServiceDeps } from '../services/deps';

/** What listeners get: the service dependencies plus Slack-side collaborators. */
export interface SlackDeps extends ServiceDeps {
  readonly admins: AdminDirectory;
}
