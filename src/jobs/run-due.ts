import type { Db } from '../../db/connection';
import type { AppLogger } from '../logger';
import { pruneDeliveries } from '../services/deliveries';
import type { OutboxSignal } from '../services/deps';
import { runNudges } from '../services/nudges';
import { runSurveys } from '../services/surveys';
import { runWrapUps } from '../services/wrap-up';

export interface JobDeps {
  readonly db: Db;
  readonly logger: AppLogger;
  /** Woken after each run so queued messages go out at once (absent in one-shot runs). */
  readonly outbox?: OutboxSignal;
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

const checkInNudges: Job = {
  name: 'check-in-nudges',
  description: 'queue check-in nudges that are due, at 10:00 on a working day of each pair',
  run: async (deps, now) => {
    const s = await runNudges(deps.db, now);
    return {
      summary: `${s.rounds} nudge rounds queued, ${s.planned} pairings planned, ${s.resumed} resumed, ${s.replanned} re-planned after downtime, ${s.atRisk} newly at risk`,
    };
  },
};

const feedbackSurveys: Job = {
  name: 'feedback-surveys',
  description: 'open midpoint and end surveys, invite participants, remind after three days',
  run: async (deps, now) => {
    const s = await runSurveys(deps.db, now);
    return {
      summary: `${s.opened} surveys opened, ${s.invited} invitations and ${s.reminded} reminders queued`,
    };
  },
};

const cohortWrapUp: Job = {
  name: 'cohort-wrap-up',
  description: 'thank pairs and post the recognition when a cohort ends',
  run: async (deps, now) => {
    const s = await runWrapUps(deps.db, now);
    return { summary: `${s.cohorts} cohorts wrapped up, ${s.messages} messages queued` };
  },
};

/** Every registered job. Messages they queue go out through the outbox dispatcher. */
export const jobs: readonly Job[] = [pruneDeliveryKeys, checkInNudges, feedbackSurveys, cohortWrapUp];

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
  deps.outbox?.kick();
  return { now: now.toISOString(), outcomes };
}
