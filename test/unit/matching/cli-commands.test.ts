import { spawn } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { type CliIo, runCli } from '../../../src/cli';

function io() {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = { env: {}, out: (l) => out.push(l), err: (l) => err.push(l) };
  return { io: value, out, err };
}

const CLI = join(__dirname, '../../../dist/src/cli.js');

const HEADER =
  'id,name,role,department,level,manager_id,timezone,languages,skills_offered,skills_wanted,goals';

describe('mentor-bot match', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-match-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  test('when the roster has a BOM, quoted commas and quotes, and unicode names, then the proposal CSV reads back', async () => {
    const roster = write(
      'roster.csv',
      `\uFEFF${HEADER}\r\n` +
        'r1,"Hopper, Grace ""Amazing""",mentor,Engineering,5,,America/New_York,English,"System design;Hiring",,Strategy\r\n' +
        'r2,Zoë Ørsted,mentor,Finance,6,,Europe/Berlin,Deutsch;English,Budgeting,,Visibility\r\n' +
        'e1,"Ada, Countess of Lovelace",mentee,Sales,2,,Europe/London,English,,"Hiring;System design",Strategy\r\n' +
        'e2,José Núñez,mentee,Sales,3,r2,Europe/Madrid,English,,Budgeting,Visibility\r\n' +
        'e3,佐藤 花子,mentee,Sales,2,,Asia/Tokyo,日本語,,Hiring,Strategy\r\n',
    );
    const out = join(dir, 'proposal.csv');
    const c = io();
    expect(
      await runCli(['match', '--roster', roster, '--out', out, '--date', '2026-03-16', '--seed', '42'], c.io),
    ).toBe(0);
    // Matching both Ada and José beats giving Ada her best mentor: the count comes first.
    expect(c.out.join('\n')).toMatch(/Matched 2 of 3 mentees .*certified optimal.*seed 42/);
    const rows = parse(readFileSync(out), { columns: true }) as Record<string, string>[];
    expect(rows).toEqual([
      {
        mentor_id: 'r1',
        mentee_id: 'e2',
        score: '27',
        reasons: expect.stringContaining('Hopper, Grace "Amazing" is 2 levels above you'),
      },
      {
        mentor_id: 'r2',
        mentee_id: 'e1',
        score: '22',
        reasons: expect.stringContaining('Sales and Finance'),
      },
      {
        mentor_id: '',
        mentee_id: 'e3',
        score: '',
        reasons: 'unmatched: no mentor with capacity shares a working language',
      },
    ]);
    const reasons = rows[0]?.reasons?.split('; ') ?? [];
    expect(reasons.map((r) => Number(/\(\+(\d+)\)$/.exec(r)?.[1])).reduce((a, b) => a + b, 0)).toBe(27);
  });

  test('when rows are malformed, then every problem is reported with its line and nothing is written', async () => {
    const roster = write(
      'bad.csv',
      `${HEADER}\n` +
        'r1,"Grace\nHopper",mentor,Engineering,5,,America/New_York,English,Hiring,,Strategy\n' +
        'e1,Ada,mentee,Sales,senior,,Europe/London,English,,Hiring,Strategy\n' +
        '\n' +
        'e2,Bo,boss,Sales,2,,Mars/Base,English,,Hiring,Strategy\n' +
        'e3,Cy,mentee,Sales,2,,Europe/London,,,Hiring\n' +
        'e4,Di,mentee,Sales,2,,Europe/London,,,Hiring,Strategy\n' +
        'r1,Grace again,mentor,Engineering,5,,America/New_York,English,Hiring,,Strategy\n',
    );
    const out = join(dir, 'proposal.csv');
    const c = io();
    expect(await runCli(['match', '--roster', roster, '--out', out], c.io)).toBe(2);
    const errors = c.err.join('\n');
    expect(errors).toMatch(/bad\.csv has 6 problem\(s\); nothing was written/);
    expect(errors).toMatch(/bad\.csv:4: level must be a whole number/);
    expect(errors).toMatch(/bad\.csv:6: role must be mentor or mentee/);
    expect(errors).toMatch(/bad\.csv:6: timezone "Mars\/Base" is not an IANA zone/);
    expect(errors).toMatch(/bad\.csv:7: expected 11 fields, found 10/);
    expect(errors).toMatch(/bad\.csv:8: languages must list at least one language/);
    expect(errors).toMatch(/bad\.csv:9: mentor id "r1" is already used on line 2/);
    expect(existsSync(out)).toBe(false);
  });

  const ROW = {
    mentor: 'r1,Grace,mentor,Engineering,5,,Europe/London,English,Hiring,,Strategy',
    mentee: 'e1,Ada,mentee,Sales,2,,Europe/London,English,,Hiring,Strategy',
  };

  test('when lines are not UTF-8, then each is named and nothing is written', async () => {
    // "Zoë" and "José" as a Windows-1252 spreadsheet export writes them.
    const roster = join(dir, 'latin1.csv');
    writeFileSync(
      roster,
      Buffer.concat([
        Buffer.from(`${HEADER}\n${ROW.mentor}\n`),
        Buffer.from('r2,Zo\xeb,mentor,Finance,6,,Europe/Berlin,English,Budgeting,,Visibility\n', 'latin1'),
        Buffer.from(`${ROW.mentee}\n`),
        Buffer.from('e2,Jos\xe9,mentee,Sales,3,,Europe/Madrid,English,,Budgeting,Visibility\n', 'latin1'),
      ]),
    );
    const out = join(dir, 'proposal.csv');
    const c = io();
    expect(await runCli(['match', '--roster', roster, '--out', out], c.io)).toBe(2);
    expect(c.err).toEqual([
      `match: ${roster} has 2 problem(s); nothing was written:`,
      `  ${roster}:3: not valid UTF-8; export the file as CSV UTF-8`,
      `  ${roster}:5: not valid UTF-8; export the file as CSV UTF-8`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  test('when a role is capitalised and a level is empty, then the row is read and the admin is warned', async () => {
    const roster = write(
      'hr.csv',
      `${HEADER}\n${ROW.mentor.replace(',mentor,', ', Mentor ,').replace(',5,', ',,')}\n${ROW.mentee.replace(',mentee,', ',MENTEE,')}\n`,
    );
    const out = join(dir, 'proposal.csv');
    const c = io();
    expect(await runCli(['match', '--roster', roster, '--out', out, '--date', '2026-03-16'], c.io)).toBe(0);
    expect(c.out.join('\n')).toMatch(/Matched 1 of 1 mentees/);
    expect(c.out.join('\n')).toMatch(
      /warning: 1 person has no job level, so seniority was neither checked nor scored/,
    );
    expect(readFileSync(out, 'utf8')).toMatch(/^r1,e1,/m);
  });

  test.each([
    ['5000000000', /level must be between -1000000 and 1000000/],
    ['2.5', /level must be a whole number \(higher is more senior\), or empty if unknown/],
  ])('when a level is %p, then the row is refused', async (level, message) => {
    const roster = write(
      'levels.csv',
      `${HEADER}\n${ROW.mentor.replace(',5,', `,${level},`)}\n${ROW.mentee}\n`,
    );
    const c = io();
    expect(await runCli(['match', '--roster', roster, '--out', join(dir, 'o.csv')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(new RegExp(`levels\\.csv:2: ${message.source}`));
  });

  test('when --out cannot be written, then it says why, exits 2 and leaves the roster alone', async () => {
    const roster = write('roster.csv', `${HEADER}\n${ROW.mentor}\n${ROW.mentee}\n`);
    mkdirSync(join(dir, 'folder'));
    const c = io();
    for (const out of [join(dir, 'no-such-dir', 'p.csv'), join(dir, 'folder')])
      expect(await runCli(['match', '--roster', roster, '--out', out], c.io)).toBe(2);
    expect(c.err).toEqual([
      expect.stringMatching(/cannot write .*no-such-dir\/p\.csv: ENOENT/),
      expect.stringMatching(/cannot write .*folder: EISDIR/),
    ]);
    expect(await runCli(['match', '--roster', roster, '--out', roster], c.io)).toBe(2);
    expect(c.err.at(-1)).toMatch(/--out must not be the roster itself/);
    expect(readFileSync(roster, 'utf8')).toContain(ROW.mentee);
  });

  test('when the reader closes the pipe early, then the run still finishes and exits quietly', async () => {
    const roster = write('roster.csv', `${HEADER}\n${ROW.mentor}\n${ROW.mentee}\n`);
    const out = join(dir, 'proposal.csv');
    const child = spawn(process.execPath, [CLI, 'match', '--roster', roster, '--out', out], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(readFileSync(out, 'utf8')).toMatch(/^r1,e1,/m);
  });

  test('when a column is missing, then the header line is named', async () => {
    const roster = write('cols.csv', 'id,name,role\nx,X,mentor\n');
    const c = io();
    expect(await runCli(['match', '--roster', roster, '--out', join(dir, 'o.csv')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/cols\.csv:1: missing column\(s\): department, level/);
  });

  test.each([
    [['match', '--out', 'x.csv'], /needs --roster/],
    [
      ['match', '--roster', 'r.csv', '--out', 'x.csv', '--track', 'solo'],
      /--track must be high-potential, reverse or group/,
    ],
    [['match', '--roster', 'r.csv', '--out', 'x.csv', '--seed', 'lucky'], /--seed must be a whole number/],
    [['match', '--roster', 'r.csv', '--out', 'x.csv', '--date', '2026-13-01'], /--date must be a date/],
    [['match', '--roster', 'missing.csv', '--out', 'x.csv'], /cannot read missing\.csv: ENOENT/],
    [['match', '--roster', 'r.csv', '--out', 'x.csv', '--colour'], /Unknown option '--colour'/],
    [
      ['match', '--roster', 'r.csv', '--out', 'x.csv', '--group-size', '3'],
      /--group-size applies only with --track group/,
    ],
  ])('when the command line is %p, then it explains and exits 2', async (argv, message) => {
    const c = io();
    expect(await runCli(argv, c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(message);
  });
});

describe('mentor-bot solve', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'mentor-bot-solve-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const solve = async (instance: string) => {
    const input = join(dir, 'instance.json');
    const output = join(dir, 'result.json');
    writeFileSync(input, instance);
    const c = io();
    const code = await runCli(['solve', '--in', input, '--out', output], c.io);
    return { code, c, output };
  };

  test('when the instance is valid, then the result has the most matches, then the highest total', async () => {
    // Mentee 0 alone would take mentor 0 for 10, but then mentee 1 (who can only use mentor 0)
    // would go unmatched: matching both beats the higher single score.
    const { code, c, output } = await solve(
      JSON.stringify({
        mentees: 3,
        mentors: [{ capacity: 1 }, { capacity: 2 }],
        edges: [
          [0, 0, 10],
          [0, 1, 1],
          [1, 0, 2],
          [2, 1, 0.5],
        ],
      }),
    );
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(/Matched 3 of 3 mentees, total score 3.5 \(certified optimal\)/);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual({
      matched: 3,
      total: 3.5,
      pairs: [
        [0, 1],
        [1, 0],
        [2, 1],
      ],
    });
  });

  test('when one score is huge, then a difference of one point among the others still decides', async () => {
    // Mentee 0 takes the 10^14 pair either way; the other two are worth 7 + 1 or 5 + 4.
    const { code, c, output } = await solve(
      JSON.stringify({
        mentees: 3,
        mentors: [{ capacity: 1 }, { capacity: 1 }, { capacity: 1 }],
        edges: [
          [0, 0, 1e14],
          [1, 1, 7],
          [2, 2, 1],
          [1, 2, 5],
          [2, 1, 4],
        ],
      }),
    );
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(/total score 100000000000009 \(certified optimal\)/);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toMatchObject({ matched: 3, total: 1e14 + 9 });
  });

  test('when scores are beyond exact arithmetic, then the certificate states its rounding gap', async () => {
    const { code, c } = await solve(
      JSON.stringify({ mentees: 1, mentors: [{ capacity: 1 }], edges: [[0, 0, 1e300]] }),
    );
    expect(code).toBe(0);
    expect(c.out.join('\n')).toMatch(/certified optimal to within \S+: the scores are too large/);
  });

  test.each([
    ['{"mentees": 2,', /cannot read .* as JSON/],
    ['{"mentees": 1, "mentors": [{"capacity": -1}], "edges": []}', /mentors\[0\]\.capacity: must be ≥ 0/],
    [
      '{"mentees": 1, "mentors": [{"capacity": 1.5}], "edges": []}',
      /mentors\[0\]\.capacity: must be a whole number/,
    ],
    ['{"mentees": 1, "mentors": [{"capacity": 1}], "edges": [[0, 0, -2]]}', /edges\[0\]\[2\]: must be ≥ 0/],
    [
      '{"mentees": 1, "mentors": [{"capacity": 1}], "edges": [[0, 3, 1]]}',
      /edges\[0\]: mentor index 3 is out of range 0..0/,
    ],
    [
      '{"mentees": 1, "mentors": [{"capacity": 1}], "edges": [[5, 0, 1]]}',
      /edges\[0\]: mentee index 5 is out of range/,
    ],
    [
      '{"mentees": 1, "mentors": [{"capacity": 1}], "edges": [[0, 0, 1], [0, 0, 2]]}',
      /edges\[1\]: duplicate of edges\[0\]/,
    ],
    ['{"mentees": 1, "mentors": [{"capacity": 1}], "edges": [[0, 0, 1e999]]}', /edges\[0\]\[2\]/],
    ['{"mentors": [], "edges": []}', /mentees: /],
  ])(
    'when the instance is %p, then it is refused with a clear error and exit 2',
    async (instance, message) => {
      const { code, c, output } = await solve(instance);
      expect(code).toBe(2);
      expect(c.err.join('\n')).toMatch(message);
      expect(existsSync(output)).toBe(false);
    },
  );

  test('when the instance is too large, then it is refused before it is read or solved', async () => {
    const big = join(dir, 'big.json');
    writeFileSync(big, '{}');
    truncateSync(big, 257 * 2 ** 20); // sparse: no disk is used
    const c = io();
    expect(await runCli(['solve', '--in', big, '--out', join(dir, 'r.json')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/big\.json is 257 MiB; instances are limited to 256 MiB/);

    const many = await solve(JSON.stringify({ mentees: 1_000_001, mentors: [], edges: [] }));
    expect(many.code).toBe(2);
    expect(many.c.err.join('\n')).toMatch(/mentees: at most 1,000,000 mentees in one instance/);
  });

  test('when --out cannot be written, then it says why and exits 2', async () => {
    const input = join(dir, 'instance.json');
    writeFileSync(input, JSON.stringify({ mentees: 1, mentors: [{ capacity: 1 }], edges: [[0, 0, 1]] }));
    const c = io();
    expect(await runCli(['solve', '--in', input, '--out', join(dir, 'nope', 'r.json')], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/cannot write .*nope\/r\.json: ENOENT/);
  });

  test('when --in is missing, then it says so', async () => {
    const c = io();
    expect(await runCli(['solve', '--out', 'x.json'], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/needs --in <instance\.json>/);
  });
});
