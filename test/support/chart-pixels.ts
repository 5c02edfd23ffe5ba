import { PNG } from 'pngjs';
import { CHART_BAR } from '../../src/domain/charts';

/** Reading a chart back from its pixels, to check what a person would see. */

const BAR_RGB = [1, 3, 5].map((i) => parseInt(CHART_BAR.slice(i, i + 2), 16));

export function decodePng(bytes: Buffer | undefined): PNG {
  return PNG.sync.read(bytes ?? Buffer.alloc(0));
}

function isBar(png: PNG, x: number, y: number): boolean {
  const at = (y * png.width + x) * 4;
  return BAR_RGB.every((v, c) => png.data[at + c] === v);
}

function isInk(png: PNG, x: number, y: number): boolean {
  const at = (y * png.width + x) * 4;
  return [0, 1, 2].every((c) => (png.data[at + c] ?? 255) < 110) && !isBar(png, x, y);
}

export interface Bar {
  /** First and last scan line (row for horizontal bars, column for vertical ones). */
  readonly from: number;
  readonly to: number;
  /** Longest run of bar colour across those lines, in pixels. */
  readonly length: number;
  /** Where the longest run ends (x for horizontal bars, y for vertical ones: its top). */
  readonly end: number;
}

/**
 * The bars of a chart in reading order (top to bottom, or left to right): consecutive scan lines
 * that contain bar colour form one bar. Zero-length bars draw nothing and so are not listed.
 */
export function bars(png: PNG, direction: 'horizontal' | 'vertical'): Bar[] {
  const lines = direction === 'horizontal' ? png.height : png.width;
  const span = direction === 'horizontal' ? png.width : png.height;
  const found: Bar[] = [];
  let current: { from: number; length: number; end: number } | undefined;
  for (let line = 0; line < lines; line++) {
    let best = 0;
    let bestEnd = 0;
    let run = 0;
    for (let i = 0; i < span; i++) {
      const hit = direction === 'horizontal' ? isBar(png, i, line) : isBar(png, line, span - 1 - i);
      run = hit ? run + 1 : 0;
      if (run > best) {
        best = run;
        bestEnd = direction === 'horizontal' ? i : span - 1 - i;
      }
    }
    if (best > 0) {
      if (current === undefined) current = { from: line, length: best, end: bestEnd };
      else if (best > current.length) current = { ...current, length: best, end: bestEnd };
    } else if (current !== undefined) {
      found.push({ ...current, to: line - 1 });
      current = undefined;
    }
  }
  if (current !== undefined) found.push({ ...current, to: lines - 1 });
  return found;
}

/** Dark (text) pixels in a rectangle. */
export function inkIn(png: PNG, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = Math.max(0, y0); y <= Math.min(png.height - 1, y1); y++)
    for (let x = Math.max(0, x0); x <= Math.min(png.width - 1, x1); x++) if (isInk(png, x, y)) n++;
  return n;
}

/** Each bar's length relative to the first, to compare with the values' ratios. */
export function expectProportional(found: readonly Bar[], values: readonly number[]): void {
  expect(found).toHaveLength(values.length);
  const unit = (found[0]?.length ?? 0) / (values[0] ?? 1);
  found.forEach((bar, i) => {
    expect(Math.abs(bar.length - unit * (values[i] ?? 0))).toBeLessThanOrEqual(2);
  });
}
