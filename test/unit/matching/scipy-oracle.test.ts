import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { type AssignmentInstance, solveAssignment } from '../../../src/domain/matching';
import { random } from './support';

/**
 * Cross-checks the solver against SciPy's linear_sum_assignment (and NetworkX's blossom matching)
 * on instances too large for brute force. Needs python3 with scipy; without it the tests are
 * reported as skipped, with the reason in their name.
 */

const ORACLE = join(__dirname, 'lsa-oracle.py');

function probe(module: string): string | undefined {
  const run = spawnSync('python3', ['-c', `import ${module}`], { encoding: 'utf8' });
  if (run.error) return `python3 is not available (${run.error.message})`;
  if (run.status !== 0) return `python3 cannot import ${module}`;
  return undefined;
}

const scipyMissing = probe('scipy');
const networkxMissing = scipyMissing ?? probe('networkx');

interface Optimum {
  matched: number;
  total: number;
  networkx?: { matched: number; total: number };
}

function oracle(instances: AssignmentInstance[], networkx = false): Optimum[] {
  const run = spawnSync('python3', [ORACLE, ...(networkx ? ['--networkx'] : [])], {
    input: JSON.stringify(instances),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`oracle failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as Optimum[];
}

function generate(
  seed: number,
  mentees: number,
  mentors: number,
  options: { density: number; capacity: () => number; score: () => number },
): AssignmentInstance {
  const next = random(seed);
  const edges: [number, number, number][] = [];
  for (let i = 0; i < mentees; i++) {
    for (let j = 0; j < mentors; j++) if (next() < options.density) edges.push([i, j, options.score()]);
  }
  return {
    mentees,
    mentors: Array.from({ length: mentors }, () => ({ capacity: options.capacity() })),
    edges,
    seed,
  };
}

function instances(): { name: string; instance: AssignmentInstance }[] {
  const next = random(77);
  const integer = (top: number) => () => Math.floor(next() * top);
  return [
    {
      name: '60 × 60 dense, scores 0–100',
      instance: generate(1, 60, 60, { density: 1, capacity: () => 1, score: integer(101) }),
    },
    {
      name: '60 × 60 dense, scores 0–4 (many ties)',
      instance: generate(2, 60, 60, { density: 1, capacity: () => 1, score: integer(5) }),
    },
    {
      name: '60 × 60 dense, fractional scores',
      instance: generate(3, 60, 60, { density: 1, capacity: () => 1, score: () => next() * 100 }),
    },
    {
      name: '200 × 150 sparse, capacities 0–3',
      instance: generate(4, 200, 150, {
        density: 0.05,
        capacity: () => Math.floor(next() * 4),
        score: integer(101),
      }),
    },
    {
      name: '200 × 150 sparse, scarce capacity, ties',
      instance: generate(5, 200, 150, {
        density: 0.04,
        capacity: () => (next() < 0.5 ? 1 : 0),
        score: integer(6),
      }),
    },
  ];
}

if (scipyMissing !== undefined) {
  console.warn(`SciPy cross-check SKIPPED: ${scipyMissing}. Install python3 with scipy to run it.`);
  test.skip(`SciPy cross-check skipped: ${scipyMissing}`, () => undefined);
} else {
  describe('solveAssignment against SciPy linear_sum_assignment', () => {
    const cases = instances();
    const optima = oracle(cases.map((c) => c.instance));

    test.each(cases.map((c, k) => [c.name, k] as const))(
      'when solving %s, then matched and total equal the oracle, with full or tiny candidate lists',
      (_, k) => {
        const { instance } = cases[k] as (typeof cases)[number];
        const optimum = optima[k] as Optimum;
        for (const options of [{}, { candidatesPerMentee: 2, reserve: 4, candidatesPerMentor: 2 }]) {
          const result = solveAssignment(instance, options);
          expect(result.certified).toBe(true);
          expect(result.matched).toBe(optimum.matched);
          expect(result.total).toBeCloseTo(optimum.total, 6);
        }
      },
    );
  });
}

if (networkxMissing !== undefined) {
  console.warn(`NetworkX cross-check SKIPPED: ${networkxMissing}.`);
  test.skip(`NetworkX cross-check skipped: ${networkxMissing}`, () => undefined);
} else {
  test('when a 40 × 30 instance with capacities is solved, then NetworkX’s blossom matching agrees', () => {
    const next = random(8);
    const instance = generate(9, 40, 30, {
      density: 0.3,
      capacity: () => Math.floor(next() * 3),
      score: () => Math.floor(next() * 20),
    });
    const [optimum] = oracle([instance], true);
    const result = solveAssignment(instance);
    expect(optimum?.networkx?.matched).toBe(result.matched);
    expect(optimum?.networkx?.total).toBeCloseTo(result.total, 6);
    expect(optimum?.matched).toBe(result.matched);
  });
}
