import fc from 'fast-check';
import {
  type FunnelTable,
  MIN_CELL,
  type SuppressedTable,
  suppressFunnel,
} from '../../src/domain/suppression';

const STAGES = 4;

/** Random funnels: per category, cumulative counts enrolled ≥ matched ≥ met ≥ completed. */
const table = fc
  .array(fc.array(fc.integer({ min: 0, max: 12 }), { minLength: STAGES, maxLength: STAGES }), {
    minLength: 1,
    maxLength: 6,
  })
  .map((exits): FunnelTable => {
    // exits[s] = people whose last stage is s; cumulative counts are suffix sums.
    const rows = exits.map((e) => e.map((_, s) => e.slice(s).reduce((a, b) => a + b, 0)));
    const total = Array.from({ length: STAGES }, (_, s) => rows.reduce((n, r) => n + (r[s] ?? 0), 0));
    return { categories: rows.map((_, i) => `c${i}`), rows, total };
  });

/**
 * Every hidden cell an attacker recovers from the published cells and the public totals: by one
 * subtraction down a column (one hidden cell, or hidden cells adding up to 0 in a stage somebody
 * reached), or pinned between two equal shown stages of its row; and every group of 1–4 leavers
 * between two shown stages.
 */
function leaks(t: FunnelTable, out: SuppressedTable): string[] {
  const found: string[] = [];
  if (out.withheld) return out.rows.length === 0 && out.categories.length === 0 ? [] : ['withheld but shown'];
  for (let s = 0; s < STAGES; s++) {
    const hiddenRows = out.rows.map((row, r) => [row[s], r] as const).filter(([v]) => v === null);
    const published = out.rows.reduce((n, row) => n + (row[s] ?? 0), 0);
    const residual = (out.total[s] ?? 0) - published;
    // A stage nobody reached: every group's 0 follows from the public 0 and says nothing more.
    if ((t.total[s] ?? 0) === 0) continue;
    if (hiddenRows.length === 1) found.push(`column ${s}: one hidden cell = ${residual}`);
    if (hiddenRows.length > 1 && residual === 0) found.push(`column ${s}: all hidden are 0`);
  }
  out.rows.forEach((row, r) => {
    const shown = row.flatMap((v, s) => (v === null ? [] : [[v, s] as const]));
    for (let i = 1; i < shown.length; i++) {
      const [a, sa] = shown[i - 1] ?? [0, 0];
      const [b, sb] = shown[i] ?? [0, 0];
      if (a - b > 0 && a - b < MIN_CELL) found.push(`row ${r}: ${a - b} left between stages ${sa} and ${sb}`);
      if (a === b && sb - sa > 1) found.push(`row ${r}: hidden stage pinned between ${sa} and ${sb}`);
    }
  });
  return found;
}

describe('funnel suppression', () => {
  test('when a category has fewer than 5 people, then it is hidden, and so is the next-smallest in its column', () => {
    const out = suppressFunnel({
      categories: ['a', 'b', 'c'],
      rows: [
        [20, 20, 20, 20],
        [3, 3, 3, 3],
        [9, 9, 9, 9],
      ],
      total: [32, 32, 32, 32],
    });
    expect(out.rows).toEqual([
      [20, 20, 20, 20],
      [null, null, null, null],
      [null, null, null, null],
    ]);
    expect(out.total).toEqual([32, 32, 32, 32]);
    expect(out.withheld).toBe(false);
  });

  test('when fewer than 5 of a group leave between two stages, then the later stage is hidden, and a pinned one too', () => {
    const out = suppressFunnel({
      categories: ['a', 'b'],
      rows: [
        [30, 27, 20, 20],
        [30, 30, 30, 30],
      ],
      total: [60, 57, 50, 50],
    });
    // 3 of a were never matched: 27 would reveal it. b's matched is hidden with it (or a's would
    // follow from the total); then b's 30 → hidden → 30 pins it, so b's later stages go too, and
    // with them a's (the column rule again).
    expect(out.rows[0]).toEqual([30, null, null, null]);
    expect(out.rows[1]).toEqual([30, null, null, null]);
  });

  test('when hidden cells would have to add up to 0, then another category is hidden', () => {
    const out = suppressFunnel({
      categories: ['a', 'b', 'c'],
      rows: [
        [6, 0, 0, 0],
        [6, 0, 0, 0],
        [8, 8, 8, 8],
      ],
      total: [20, 8, 8, 8],
    });
    expect(out.rows.map((r) => r[1])).toEqual([null, null, null]);
  });

  test('when there is only one category and it is small, then the breakdown is withheld, labels included', () => {
    const out = suppressFunnel({ categories: ['Woman'], rows: [[3, 2, 0, 0]], total: [3, 2, 0, 0] });
    expect(out).toEqual({ categories: [], rows: [], total: [3, 2, 0, 0], withheld: true });
  });

  test('for random tables, no shown category cell is under 5, shown cells are true, and nothing hidden is recoverable', () => {
    fc.assert(
      fc.property(table, (t) => {
        const out = suppressFunnel(t);
        const shown = out.rows.flat().filter((v): v is number => v !== null);
        expect(shown.every((v) => v >= MIN_CELL)).toBe(true);
        out.rows.forEach((row, r) => row.forEach((v, s) => v === null || expect(v).toBe(t.rows[r]?.[s])));
        expect(out.total).toEqual(t.total);
        expect(leaks(t, out)).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });
});
