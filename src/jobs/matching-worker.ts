import { parentPort, workerData } from 'node:worker_threads';
import { MatchingInputError, proposeMatches } from '../domain/matching';
import { createLogger } from '../logger';
import { matchingInputJson, matchRequestSchema, type WorkerMessage } from './matching-protocol';
import { startWarmUp } from './warm-up';

/**
 * The matching worker thread: proposes matches for the app, so that a large cohort (seconds at
 * 10,000 people) never holds up the thread answering Slack. It starts with the engine's warm-up
 * when asked; requests arriving meanwhile run between two warm-up cohorts.
 */

const port = parentPort;
if (port === null) throw new Error('matching-worker runs as a worker thread (see startMatchingWorker)');
const send = (message: WorkerMessage): void => port.postMessage(message);
const logger = createLogger({ level: 'info', sink: (line) => send({ kind: 'log', line }) });

port.on('message', (raw: unknown) => {
  const request = matchRequestSchema.safeParse(raw);
  if (!request.success) {
    logger.event('error', 'matching worker got a malformed request', { issues: request.error.issues.length });
    return;
  }
  const { id } = request.data;
  try {
    const input = matchingInputJson.parse(JSON.parse(request.data.input));
    const started = performance.now();
    const proposal = proposeMatches(input);
    logger.event('info', 'matches proposed', {
      mentees: proposal.stats.mentees,
      mentors: proposal.stats.mentors,
      matched: proposal.stats.matched,
      ms: Math.round(performance.now() - started),
    });
    send({ kind: 'result', id, proposal: JSON.stringify(proposal) });
  } catch (error) {
    if (error instanceof MatchingInputError) send({ kind: 'invalid', id, problems: [...error.problems] });
    else send({ kind: 'failed', id, message: error instanceof Error ? error.message : String(error) });
  }
});

if ((workerData as { warmUp?: unknown } | null)?.warmUp === true) startWarmUp(logger);
