import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MatchingInputError, type Proposal, proposeMatches } from '../../../src/domain/matching';
import { syntheticCohort } from '../../../src/domain/matching/synthetic';
import { startMatchingWorker, type WorkerEngine } from '../../../src/jobs/matching-engine';
import { createLogger } from '../../../src/logger';

// A worker thread runs JavaScript: the compiled script, which `npm test` builds before jest.
const SCRIPT = join(__dirname, '../../../dist/src/jobs/matching-worker.js');

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', sink: (line) => lines.push(line) });
  return { logger, events: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const cohort = (mentees: number, seed: number) =>
  syntheticCohort({ mentees, mentors: mentees, track: 'high-potential', seed });

/** Everything but the timings, which differ from run to run. */
function comparable(p: Proposal) {
  const { timings: _timings, ...stats } = p.stats;
  return { ...p, stats };
}

describe('the matching engine on a worker thread', () => {
  let engine: WorkerEngine | undefined;
  beforeAll(() => {
    if (!existsSync(SCRIPT)) throw new Error(`${SCRIPT} is missing: run npm run build first (npm test does)`);
  });
  afterEach(async () => {
    await engine?.close();
    engine = undefined;
  });

  test('when asked for a proposal, then it answers exactly what the engine answers on this thread', async () => {
    engine = startMatchingWorker(capture().logger, { warmUp: false, script: SCRIPT });
    const input = { ...cohort(150, 11), options: { clock: () => performance.now() } };
    expect(comparable(await engine.propose(input))).toEqual(comparable(proposeMatches(input)));
  });

  test('when several proposals are asked for at once, then each gets its own answer', async () => {
    engine = startMatchingWorker(capture().logger, { warmUp: false, script: SCRIPT });
    const inputs = [cohort(60, 1), cohort(90, 2), cohort(30, 3)];
    const answers = await Promise.all(inputs.map((input) => engine?.propose(input)));
    expect(answers.map((p) => p?.stats.mentees)).toEqual([60, 90, 30]);
    expect(answers.map((p) => p?.stats.totalScore)).toEqual(
      inputs.map((i) => proposeMatches(i).stats.totalScore),
    );
  });

  test('when the input cannot be matched, then it rejects with the same problems as the engine', async () => {
    engine = startMatchingWorker(capture().logger, { warmUp: false, script: SCRIPT });
    const input = { ...cohort(20, 5), pinned: [{ mentorId: 'nobody', menteeId: 'e0' }] };
    const expected = (() => {
      try {
        proposeMatches(input);
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(expected).toBeInstanceOf(MatchingInputError);
    const error: unknown = await engine.propose(input).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MatchingInputError);
    expect((error as MatchingInputError).problems).toEqual((expected as MatchingInputError).problems);
  });

  test('when a large cohort is being matched, then this thread stays free for other work', async () => {
    engine = startMatchingWorker(capture().logger, { warmUp: false, script: SCRIPT });
    const order: string[] = [];
    const proposal = engine.propose(cohort(1000, 9)).then(() => order.push('proposal'));
    setImmediate(() => order.push('other work'));
    await proposal;
    expect(order).toEqual(['other work', 'proposal']);
  });

  test('when it warms up, then its log line comes out through the app logger', async () => {
    const { logger, events } = capture();
    engine = startMatchingWorker(logger, { warmUp: true, script: SCRIPT });
    // A proposal asked for during the warm-up is answered between two warm-up cohorts.
    await expect(engine.propose(cohort(40, 4))).resolves.toMatchObject({ stats: { mentees: 40 } });
    const deadline = Date.now() + 30_000;
    while (!events().some((e) => e.msg === 'matching engine warmed up') && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(events()).toContainEqual(
      expect.objectContaining({
        level: 'info',
        name: 'mentor-bot',
        msg: 'matching engine warmed up',
        cohorts: 15,
      }),
    );
  });

  test('when the worker dies, then the waiting proposal fails clearly and the next one gets a new worker', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mentor-bot-worker-'));
    const dying = join(dir, 'dying.js');
    writeFileSync(dying, "require('node:worker_threads').parentPort.on('message', () => process.exit(3));\n");
    const { logger, events } = capture();
    engine = startMatchingWorker(logger, { warmUp: false, script: dying });
    await expect(engine.propose(cohort(10, 1))).rejects.toThrow(/matching worker stopped \(exit code 3\)/);
    await expect(engine.propose(cohort(10, 1))).rejects.toThrow(/exit code 3/);
    expect(
      events().filter((e) => e.msg === 'matching worker stopped; the next match starts a new one'),
    ).toHaveLength(2);
  });

  test('when closed, then a proposal still running and any later one are rejected', async () => {
    engine = startMatchingWorker(capture().logger, { warmUp: false, script: SCRIPT });
    const running = engine.propose(cohort(1000, 2));
    await engine.close();
    await expect(running).rejects.toThrow(/closed|stopped/);
    await expect(engine.propose(cohort(10, 1))).rejects.toThrow('the matching engine is closed');
  });
});
