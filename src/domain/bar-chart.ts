/**
 * A horizontal bar chart as an RGBA raster: one bar per value, lengths proportional to the value
 * (the largest fills the plot). No text is drawn: labels and numbers travel in the alt text and
 * the message, which screen readers and search read anyway. Pure; the caller encodes it as PNG.
 */

export const CHART = {
  width: 640,
  margin: 20,
  rowHeight: 32,
  barHeight: 20,
  background: [255, 255, 255, 255],
  bar: [46, 98, 173, 255],
  /** A suppressed value: a short grey stub, so the row is visibly "not shown", not zero. */
  hidden: [190, 190, 190, 255],
  axis: [90, 90, 90, 255],
} as const;

export interface Raster {
  readonly width: number;
  readonly height: number;
  /** RGBA, row by row. */
  readonly data: Uint8Array;
}

/** Plot width in pixels: the length of the largest bar. */
export const PLOT_WIDTH = CHART.width - 2 * CHART.margin;
const HIDDEN_STUB = 6;

export function chartHeight(bars: number): number {
  return 2 * CHART.margin + Math.max(1, bars) * CHART.rowHeight;
}

/** Pixel length of each bar: round(value / max × PLOT_WIDTH); null for a suppressed value. */
export function barLengths(values: readonly (number | null)[]): (number | null)[] {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return values.map((v) => (v === null ? null : max === 0 ? 0 : Math.round((v / max) * PLOT_WIDTH)));
}

export function barChart(values: readonly (number | null)[]): Raster {
  const width = CHART.width;
  const height = chartHeight(values.length);
  const data = new Uint8Array(width * height * 4);
  const paint = (x0: number, y0: number, w: number, h: number, rgba: readonly number[]) => {
    for (let y = y0; y < Math.min(height, y0 + h); y++)
      for (let x = x0; x < Math.min(width, x0 + w); x++) data.set(rgba, (y * width + x) * 4);
  };
  paint(0, 0, width, height, CHART.background);
  paint(CHART.margin - 2, CHART.margin, 2, height - 2 * CHART.margin, CHART.axis);
  barLengths(values).forEach((length, i) => {
    const y = CHART.margin + i * CHART.rowHeight + (CHART.rowHeight - CHART.barHeight) / 2;
    if (length === null) paint(CHART.margin, y, HIDDEN_STUB, CHART.barHeight, CHART.hidden);
    else paint(CHART.margin, y, length, CHART.barHeight, CHART.bar);
  });
  return { width, height, data };
}
