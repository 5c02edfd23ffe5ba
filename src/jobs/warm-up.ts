import { type MatchingInput, proposeMatches } from '../domain/matching';
import { WARM_UP_COHORTS, warmUpCohort } from '../domain/matching/warm-up';
import type { AppLogger } from '../logger';

export interface WarmUpOutcome {
  /** Cohorts matched before the warm-up ended. */
  readonly completed: number;
  readonly cancelled: boolean;
}

export interface WarmUp {
  /** Settles when the last cohort is matched, the warm-up is cancelled, or a run fails. */
  readonly done: Promise<WarmUpOutcome>;
  /** No further cohort starts; one already running finishes. */
  cancel(): void;
}

/**
 * Matches the warm-up cohorts (see `warmUpCohort`) in the background, one per turn of the event
 * loop, so a proposal asked for meanwhile (the matching worker runs this as it starts) waits for
 * at most one small match, tens of milliseconds, rather than for all of them. A failure is
 * logged and ends the warm-up: the app works without it, only its first match is slower.
 */
export function startWarmUp(
  logger: AppLogger,
  cohorts = WARM_UP_COHORTS,
  cohort: (k: number) => MatchingInput = warmUpCohort,
): WarmUp {
  let cancelled = false;
  let pending: NodeJS.Immediate | undefined;
  let finish: (outcome: WarmUpOutcome) => void = () => undefined;
  const done = new Promise<WarmUpOutcome>((resolve) => {
    finish = resolve;
  });
  const started = performance.now();
  let cpuMs = 0;
  let completed = 0;

  const step = (): void => {
    pending = undefined;
    if (completed === cohorts) {
      logger.event('info', 'matching engine warmed up', {
        cohorts,
        cpuMs: Math.round(cpuMs),
        wallMs: Math.round(performance.now() - started),
      });
      finish({ completed, cancelled: false });
      return;
    }
    const before = process.cpuUsage();
    try {
      proposeMatches(cohort(completed));
    } catch (error) {
      logger.event('warn', 'matching warm-up failed; the first match will be slower', { err: error });
      finish({ completed, cancelled: false });
      return;
    }
    completed++;
    const used = process.cpuUsage(before);
    cpuMs += (used.user + used.system) / 1000;
    pending = setImmediate(step);
  };

  pending = setImmediate(step);
  return {
    done,
    cancel: () => {
      if (cancelled || pending === undefined) return;
      cancelled = true;
      clearImmediate(pending);
      pending = undefined;
      finish({ completed, cancelled: true });
    },
  };
}
