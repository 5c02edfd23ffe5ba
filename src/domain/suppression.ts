/**
 * Small-cell suppression for the participation funnel, so no group smaller than MIN_CELL can be
 * read off a report, directly or by arithmetic. Pure.
 *
 * A table has one row per category of a breakdown (the categories partition everyone, "not
 * answered" included) and one column per funnel stage; counts are cumulative along a row
 * (enrolled ≥ matched ≥ met ≥ completed). The total row is everyone: the report prints it anyway
 * (enrolled, matched, the funnel chart), so it is treated as public and never hidden. Then:
 * - a category cell under MIN_CELL is hidden;
 * - down a column, total = Σ categories: with one hidden cell, or hidden cells that must add up
 *   to 0, a subtraction gives them away, so the next-smallest shown category is hidden too;
 * - along a row, the people of a group who left between two shown stages are a group of their
 *   own: fewer than MIN_CELL (but more than 0) hides the later stage; a hidden stage between two
 *   equal shown stages would be pinned to them, so that is hidden too.
 * Rules repeat until nothing changes (suppression only grows). If a column cannot be protected
 * (one category only), the table is withheld: no categories, no cells.
 */

export const MIN_CELL = 5;

/** A published count, or null where the cell is suppressed. */
export type Cell = number | null;

export interface FunnelTable {
  readonly categories: readonly string[];
  /** rows[i][stage]: people of categories[i] who reached the stage. */
  readonly rows: readonly (readonly number[])[];
  /** Everyone, per stage. */
  readonly total: readonly number[];
}

export interface SuppressedTable {
  readonly categories: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  readonly total: readonly number[];
  /** True when no breakdown can be shown without identifying someone. */
  readonly withheld: boolean;
}

function hideRowGaps(values: readonly number[], hidden: boolean[]): boolean {
  let changed = false;
  let shown: number | undefined;
  let hiddenSince = false;
  values.forEach((v, s) => {
    if (hidden[s] === true) {
      if (shown !== undefined) hiddenSince = true;
      return;
    }
    if (shown !== undefined) {
      const gap = shown - v;
      if ((gap > 0 && gap < MIN_CELL) || (gap === 0 && hiddenSince)) {
        hidden[s] = true;
        changed = true;
        hiddenSince = true;
        return;
      }
    }
    shown = v;
    hiddenSince = false;
  });
  return changed;
}

/**
 * `forced[r][s]` hides a cell whatever its size: for a table that is also published in parts
 * (all cohorts, and each cohort), where a cell can be safe alone but not beside the parts.
 */
export function suppressFunnel(
  table: FunnelTable,
  forced?: readonly (readonly boolean[])[],
): SuppressedTable {
  const stages = table.total.length;
  const hidden = table.rows.map((row, r) => row.map((v, s) => v < MIN_CELL || forced?.[r]?.[s] === true));
  const at = (r: number, s: number): number => table.rows[r]?.[s] ?? 0;
  const isHidden = (r: number, s: number): boolean => hidden[r]?.[s] ?? false;
  let withheld = false;

  let changed = true;
  while (changed && !withheld) {
    changed = false;
    table.rows.forEach((row, r) => {
      changed = hideRowGaps(row, hidden[r] ?? []) || changed;
    });
    for (let s = 0; s < stages; s++) {
      const rows = [...table.rows.keys()];
      const hiddenRows = rows.filter((r) => isHidden(r, s));
      if (hiddenRows.length === 0) continue;
      const residual = hiddenRows.reduce((n, r) => n + at(r, s), 0);
      const total = table.total[s] ?? 0;
      // A stage nobody reached: every group's 0 follows from the public 0 and says nothing more.
      if (total === 0) continue;
      if (hiddenRows.length > 1 && residual > 0) continue;
      const next = rows.filter((r) => !isHidden(r, s)).sort((a, b) => at(a, s) - at(b, s) || a - b)[0];
      if (next === undefined) {
        withheld = true;
        break;
      }
      const row = hidden[next];
      if (row !== undefined) row[s] = true;
      changed = true;
    }
  }

  if (withheld) return { categories: [], rows: [], total: [...table.total], withheld: true };
  return {
    categories: table.categories,
    rows: table.rows.map((row, r) => row.map((v, s) => (isHidden(r, s) ? null : v))),
    total: [...table.total],
    withheld: false,
  };
}
