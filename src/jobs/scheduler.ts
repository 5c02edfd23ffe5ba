import cron from 'node-cron';
import type { InflightWork } from '../lifecycle';
import { type JobDeps, runDue } from './run-due';

export interface Scheduler {
  stop(): void;
}

/**
 * Cron only triggers: every minute it asks `runDue` what is due now. A tick that finds the
 * previous one still running is skipped (the next tick catches up, because what is due lives in
 * the database, not in the timer).
 */
export function startScheduler(deps: JobDeps, inflight: InflightWork, clock: () => Date): Scheduler {
  let running = false;
  const task = cron.schedule('* * * * *', async () => {
    if (running || !inflight.accepting) {
      deps.logger.event('debug', 'scheduler tick skipped: previous tick still running');
      return;
    }
    running = true;
    try {
      await inflight.track(runDue(deps, clock()));
    } finally {
      running = false;
    }
  });
  return { stop: () => void task.stop() };
}
