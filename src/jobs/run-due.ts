import type { Db } from '../../db/connection';
import type { AppLogger } from '../logger';
import { pruneDeliveries } from '../services/deliveries';

export interface JobDeps {
  readonly db: Db;
  readonly logger: AppLogger;
}

/** One kind of scheduled work: decides from the database what is due at `now` and does it. */
export interface Job {
  readonly name: string;
  readonly description: string;
  run(deps: JobDeps, now: Date): Promise<{ summary: string }>;
}

export interface JobOutcome {
  readonly job: string;
  readonly ok: boolean;
  readonly summary: string;
}

export interface RunDueReport {
  readonly now: string;
  readonly outcomes: readonly JobOutcome[];
}

const pruneDeliveryKeys: Job = {
  name: 'prune-delivery-keys',
  description: 'forget Slack delivery ids older than a day',
  run: async (deps, now) => {
    const removed = await pruneDeliveries(deps.db, now);
    return { summary: `removed ${removed} old delivery ${removed === 1 ? 'key' : 'keys'}` };
  },
};

/**
 * Every registered job. Messaging jobs (introductions, nudges, surveys) arrive with the
 * scheduler; until then only housekeeping runs.
 */
export const jobs: readonly Job[] = [pruneDeliveryKeys];

/**
 * Runs everything due at `now`, once. The bot's cron tick and `mentor-bot jobs run --now` both
 * come here; a failing job is reported and does not stop the others.
 */
export async function runDue(
  deps: JobDeps,
  now: Date,
  registry: readonly Job[] = jobs,
): Promise<RunDueReport> {
  const outcomes: JobOutcome[] = [];
  for (const job of registry) {
    try {
      const { summary } = await job.run(deps, now);
      outcomes.push({ job: job.name, ok: true, summary });
    } catch (error) {
      deps.logger.event('error', 'scheduled job failed', { job: job.name, err: error });
      outcomes.push({
        job: job.name,
        ok: false,
        summary: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { now: now.toISOString(), outcomes };
}
