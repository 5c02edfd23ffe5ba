import {
  CHART_SCALE,
  CHART_WEEKS,
  CHART_WIDTH,
  funnelChart,
  funnelChartHeight,
  WEEKLY_CHART_HEIGHT,
  weekLabel,
  weeklyChart,
} from '../../src/domain/charts';
import type { WeekPoint } from '../../src/domain/report-metrics';
import { chartSvg, renderChartPng } from '../../src/services/chart-renderer';
import { bars, decodePng, expectProportional, inkIn } from '../support/chart-pixels';

function weeks(counts: readonly number[], firstMonday = '2026-11-02'): WeekPoint[] {
  const start = Date.parse(`${firstMonday}T00:00:00Z`);
  return counts.map((checkIns, i) => ({
    week: new Date(start + i * 7 * 86_400_000).toISOString().slice(0, 10),
    checkIns,
    pairs: 6,
    perPair: checkIns / 6,
  }));
}

describe('chart specifications', () => {
  test('when the funnel is drawn, then each stage has a readable label, its number, and the alt text says the same', () => {
    const chart = funnelChart([18, 12, 6, 0]);
    expect(chart.altText).toBe(
      'Bar chart of the participation funnel, one bar per stage: enrolled: 18; matched: 12; met: 6; completed: 0.',
    );
    expect(JSON.stringify(chart.spec)).toContain('"stage":"Met at least once","count":6,"label":"6"');
    expect([chart.width, chart.height]).toEqual([
      CHART_WIDTH * CHART_SCALE,
      funnelChartHeight(4) * CHART_SCALE,
    ]);
  });

  test('when a funnel value is suppressed, then it draws no bar and reads "fewer than 5"', () => {
    const chart = funnelChart([30, null, 7, 0]);
    expect(chart.altText).toContain('matched: fewer than 5;');
    expect(JSON.stringify(chart.spec)).toContain('"stage":"Matched","count":0,"label":"fewer than 5"');
  });

  test('when there are more weeks than the chart holds, then it shows the latest and says how many', () => {
    const chart = weeklyChart(weeks(Array.from({ length: CHART_WEEKS + 4 }, (_, i) => i)));
    const json = JSON.stringify(chart.spec);
    expect(json).toContain(`Last ${CHART_WEEKS} of ${CHART_WEEKS + 4} weeks`);
    expect(json).not.toContain('"checkIns":3,');
    expect(json).toContain(`"checkIns":${CHART_WEEKS + 3},`);
    expect(chart.altText.split('week of ')).toHaveLength(CHART_WEEKS + 1);
    expect(weeklyChart([]).altText).toBe('Bar chart of check-ins per week: no pairs yet.');
  });

  test('when weeks are labelled, then the first one and the first week of a year carry the year', () => {
    expect(weekLabel('2026-11-02', true)).toBe('2 Nov 2026');
    expect(weekLabel('2026-11-09', false)).toBe('9 Nov');
    const json = JSON.stringify(weeklyChart(weeks([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], '2026-12-14')).spec);
    expect(json).toContain('"week":"14 Dec 2026"');
    expect(json).toContain('"week":"21 Dec"');
    expect(json).toContain('"week":"4 Jan 2027"');
    expect(json).toContain('"week":"11 Jan"');
  });
});

describe('chart rendering', () => {
  test('when the funnel is rendered, then the PNG has the stated size, proportional bars and a number past each bar', async () => {
    const chart = funnelChart([18, 12, 6, 0]);
    const svg = await chartSvg(chart.spec);
    for (const text of [
      'Participation funnel',
      'Enrolled',
      'Matched',
      'Met at least once',
      'Completed',
      '>18<',
      '>12<',
      '>6<',
    ])
      expect(svg).toContain(text);

    const png = decodePng(await renderChartPng(chart.spec));
    expect([png.width, png.height]).toEqual([chart.width, chart.height]);
    const found = bars(png, 'horizontal');
    expectProportional(found, [18, 12, 6]);
    for (const bar of found) {
      // The stage's number sits just right of the bar's end; nothing is drawn beyond it.
      expect(inkIn(png, bar.end + 4, bar.from, bar.end + 60, bar.to)).toBeGreaterThan(40);
      expect(inkIn(png, bar.end + 100, bar.from, bar.end + 400, bar.to)).toBe(0);
    }
  });

  test('when a value is suppressed, then the chart writes "fewer than 5" instead of a bar', async () => {
    const chart = funnelChart([30, null, 7, 0]);
    expect(await chartSvg(chart.spec)).toContain('fewer than 5');
    expectProportional(bars(decodePng(await renderChartPng(chart.spec)), 'horizontal'), [30, 7]);
  });

  test('when check-ins per week are rendered, then each week is a column as tall as its count', async () => {
    const chart = weeklyChart(weeks([4, 3, 1, 2]));
    const svg = await chartSvg(chart.spec);
    for (const text of ['Check-ins per week', '2 Nov 2026', '9 Nov', '16 Nov', '23 Nov'])
      expect(svg).toContain(text);
    const png = decodePng(await renderChartPng(chart.spec));
    expect([png.width, png.height]).toEqual([CHART_WIDTH * CHART_SCALE, WEEKLY_CHART_HEIGHT * CHART_SCALE]);
    const found = bars(png, 'vertical');
    expectProportional(found, [4, 3, 1, 2]);
    // Left to right in week order, each with its count written above it.
    expect(found.map((b) => b.from)).toEqual([...found.map((b) => b.from)].sort((a, b) => a - b));
    for (const bar of found)
      expect(inkIn(png, bar.from, bar.end - 40, bar.to, bar.end - 4)).toBeGreaterThan(20);
  });
});
