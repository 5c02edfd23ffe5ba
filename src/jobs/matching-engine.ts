import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { type MatchingInput, MatchingInputError, type Proposal } from '../domain/matching';
import type { AppLogger } from '../logger';
import type { MatchingEngine } from '../services/deps';
import { logLineSchema, type MatchRequest, proposalJson, workerMessageSchema } from './matching-protocol';

export interface WorkerEngine extends MatchingEngine {
  /** Stops the worker; proposals still running are rejected. */
  close(): Promise<void>;
}

export interface WorkerEngineOptions {
  /** Run the engine's warm-up (see `warmUpCohort`) when the worker starts. */
  readonly warmUp: boolean;
  /** The worker's script; the compiled `matching-worker.js` next to this file by default. */
  readonly script?: string;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface Waiting {
  resolve(proposal: Proposal): void;
  reject(error: Error): void;
}

/**
 * The matching engine on a worker thread. Proposals for large cohorts take seconds of CPU; on the
 * app's own thread they would stall every other Slack request for that long, past Slack's
 * three-second limit for acknowledging one. The worker is started at once (and warms the engine
 * up); proposals queue on it one after another. If it dies, the proposals it was running fail
 * with a clear error and the next one starts a new worker.
 */
export function startMatchingWorker(logger: AppLogger, options: WorkerEngineOptions): WorkerEngine {
  const script = options.script ?? join(__dirname, 'matching-worker.js');
  const waiting = new Map<number, Waiting>();
  let nextId = 1;
  let closed = false;
  let worker: Worker | undefined;

  const settle = (id: number, outcome: { proposal: Proposal } | { error: Error }): void => {
    const entry = waiting.get(id);
    if (entry === undefined) return;
    waiting.delete(id);
    if ('proposal' in outcome) entry.resolve(outcome.proposal);
    else entry.reject(outcome.error);
  };

  const onMessage = (raw: unknown): void => {
    const message = workerMessageSchema.safeParse(raw);
    if (!message.success) {
      logger.event('error', 'matching worker sent a malformed message', {
        issues: message.error.issues.length,
      });
      return;
    }
    const m = message.data;
    if (m.kind === 'log') {
      const line = logLineSchema.safeParse(parseJson(m.line));
      if (!line.success) return;
      const { level, msg, time: _time, name: _name, ...fields } = line.data;
      logger.event(level, msg, fields);
    } else if (m.kind === 'result') {
      const proposal = proposalJson.safeParse(parseJson(m.proposal));
      settle(
        m.id,
        proposal.success
          ? { proposal: proposal.data }
          : { error: new Error('the matching worker sent no proposal') },
      );
    } else if (m.kind === 'invalid') {
      settle(m.id, { error: new MatchingInputError(m.problems) });
    } else {
      settle(m.id, { error: new Error(`the matching engine failed: ${m.message}`) });
    }
  };

  const start = (warmUp: boolean): Worker => {
    const w = new Worker(script, { workerData: { warmUp } });
    w.on('message', onMessage);
    w.on('error', (error) => logger.event('error', 'matching worker crashed', { err: error }));
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      if (!closed) logger.event('warn', 'matching worker stopped; the next match starts a new one', { code });
      for (const id of [...waiting.keys()]) {
        settle(id, { error: new Error(`the matching worker stopped (exit code ${code}) before answering`) });
      }
    });
    return w;
  };

  worker = start(options.warmUp);

  return {
    propose: (input: MatchingInput) =>
      new Promise<Proposal>((resolve, reject) => {
        if (closed) {
          reject(new Error('the matching engine is closed'));
          return;
        }
        const request: MatchRequest = { id: nextId++, input: JSON.stringify(input) };
        worker ??= start(false);
        waiting.set(request.id, { resolve, reject });
        worker.postMessage(request);
      }),
    close: async () => {
      closed = true;
      const w = worker;
      worker = undefined;
      if (w !== undefined) await w.terminate();
      for (const id of [...waiting.keys()]) settle(id, { error: new Error('the matching engine is closed') });
    },
  };
}
