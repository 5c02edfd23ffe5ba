import type { TopLevelSpec } from 'vega-lite';
import { FUNNEL_STAGES, type WeekPoint } from './report-metrics';

/**
 * The report's charts as Vega-Lite specifications: pure data in, a declarative chart out. The
 * renderer (services/chart-renderer) turns a spec into a PNG. Every chart has a fixed pixel size
 * (the layout fits inside it), opaque bars in one known colour, and the number drawn at each bar,
 * so the picture carries its own figures; the alt text says the same in words.
 */

export const CHART_FONT = 'DejaVu Sans';
/** Bar fill; opaque, so a decoded PNG shows exactly this colour inside every bar. */
export const CHART_BAR = '#2e62ad';
export const CHART_WIDTH = 720;
/** Pixels per CSS pixel in the PNG, so text stays sharp on high-density screens. */
export const CHART_SCALE = 2;
/** The check-ins chart shows at most this many recent weeks (the CSV export has them all). */
export const CHART_WEEKS = 26;
export const SUPPRESSED_LABEL = 'fewer than 5';

const FUNNEL_LABELS: Record<(typeof FUNNEL_STAGES)[number], string> = {
  enrolled: 'Enrolled',
  matched: 'Matched',
  met: 'Met at least once',
  completed: 'Completed',
};
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface ChartDefinition {
  /** File name suffix, e.g. `funnel` → `<stem>-funnel.png`. */
  readonly name: string;
  readonly title: string;
  readonly altText: string;
  readonly spec: TopLevelSpec;
  /** Size of the PNG in pixels (CSS size × CHART_SCALE). */
  readonly width: number;
  readonly height: number;
}

export function funnelChartHeight(bars: number): number {
  return 90 + 40 * Math.max(1, bars);
}
export const WEEKLY_CHART_HEIGHT = 340;

/** "2026-11-02" → "2 Nov"; the year is added on the first week and in January. */
export function weekLabel(isoDate: string, withYear: boolean): string {
  const [year, month, day] = isoDate.split('-');
  const name = MONTHS[Number(month) - 1] ?? month ?? '';
  return `${Number(day)} ${name}${withYear ? ` ${year ?? ''}` : ''}`;
}

const baseConfig = {
  font: CHART_FONT,
  background: 'white',
  view: { stroke: null },
  axis: { labelFontSize: 12, titleFontSize: 12, titleFontWeight: 'normal', labelColor: '#333333' },
  title: { fontSize: 16, anchor: 'start', color: '#111111', subtitleColor: '#555555' },
} as const;

/** Largest value, with head room for the number drawn past the end of the longest bar. */
function scaleMax(values: readonly number[]): number {
  return Math.max(1, ...values) * 1.15;
}

/**
 * The participation funnel, one horizontal bar per stage; a suppressed value (null) draws no bar
 * and says "fewer than 5" where its number would be.
 */
export function funnelChart(funnel: readonly (number | null)[]): ChartDefinition {
  const rows = FUNNEL_STAGES.map((stage, i) => {
    const value = funnel[i] ?? null;
    return {
      stage: FUNNEL_LABELS[stage],
      count: value ?? 0,
      label: value === null ? SUPPRESSED_LABEL : String(value),
    };
  });
  const words = FUNNEL_STAGES.map((stage, i) => `${stage}: ${rows[i]?.label ?? ''}`);
  const height = funnelChartHeight(rows.length);
  const y = { field: 'stage', type: 'nominal', sort: null, title: null } as const;
  const x = {
    field: 'count',
    type: 'quantitative' as const,
    title: 'People',
    scale: { domain: [0, scaleMax(rows.map((r) => r.count))], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
  return {
    name: 'funnel',
    title: 'Participation funnel',
    altText: `Bar chart of the participation funnel, one bar per stage: ${words.join('; ')}.`,
    width: CHART_WIDTH * CHART_SCALE,
    height: height * CHART_SCALE,
    spec: {
      width: CHART_WIDTH,
      height,
      padding: 16,
      autosize: { type: 'fit', contains: 'padding' },
      title: { text: 'Participation funnel', subtitle: 'People at each stage' },
      data: { values: rows },
      layer: [
        { mark: { type: 'bar', color: CHART_BAR, opacity: 1 }, encoding: { y, x } },
        {
          mark: { type: 'text', align: 'left', baseline: 'middle', dx: 6, fontSize: 13, color: '#111111' },
          encoding: { y, x, text: { field: 'label', type: 'nominal' } },
        },
      ],
      config: baseConfig,
    },
  };
}

/** Check-ins per week as vertical bars, the most recent CHART_WEEKS weeks, count on each bar. */
export function weeklyChart(weekly: readonly WeekPoint[]): ChartDefinition {
  const shown = weekly.slice(-CHART_WEEKS);
  const rows = shown.map((w, i) => ({
    week: weekLabel(w.week, i === 0 || (w.week.slice(5, 7) === '01' && w.week.slice(8) <= '07')),
    checkIns: w.checkIns,
    label: String(w.checkIns),
  }));
  const words = shown.map((w) => `week of ${w.week}: ${w.checkIns}`);
  const subtitle =
    weekly.length > shown.length
      ? `Last ${shown.length} of ${weekly.length} weeks`
      : 'Every week since the first pair';
  const x = {
    field: 'week',
    type: 'ordinal',
    sort: null,
    title: 'Week starting',
    axis: { labelAngle: rows.length > 10 ? -45 : 0 },
  } as const;
  const y = {
    field: 'checkIns',
    type: 'quantitative' as const,
    title: 'Check-ins',
    scale: { domain: [0, scaleMax(rows.map((r) => r.checkIns))], nice: false },
    axis: { tickMinStep: 1, format: 'd' },
  };
  return {
    name: 'check-ins',
    title: 'Check-ins per week',
    altText:
      words.length === 0
        ? 'Bar chart of check-ins per week: no pairs yet.'
        : `Bar chart of check-ins per week, one bar per week: ${words.join('; ')}.`,
    width: CHART_WIDTH * CHART_SCALE,
    height: WEEKLY_CHART_HEIGHT * CHART_SCALE,
    spec: {
      width: CHART_WIDTH,
      height: WEEKLY_CHART_HEIGHT,
      padding: 16,
      autosize: { type: 'fit', contains: 'padding' },
      title: { text: 'Check-ins per week', subtitle },
      data: { values: rows },
      layer: [
        { mark: { type: 'bar', color: CHART_BAR, opacity: 1 }, encoding: { x, y } },
        {
          mark: { type: 'text', baseline: 'bottom', dy: -4, fontSize: 12, color: '#111111' },
          encoding: { x, y, text: { field: 'label', type: 'nominal' } },
        },
      ],
      config: baseConfig,
    },
  };
}
