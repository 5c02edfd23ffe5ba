import { readFileSync } from 'node:fs';
import type * as ResvgModule from '@resvg/resvg-wasm';
import type * as VegaModule from 'vega';
import type * as VegaLiteModule from 'vega-lite';
import type { TopLevelSpec } from 'vega-lite';
import { CHART_FONT, CHART_SCALE } from '../domain/charts';

/**
 * Vega-Lite spec → Vega → SVG → PNG, all in this process: Vega lays the chart out and writes SVG
 * (no canvas, no browser), resvg (WebAssembly) rasterises it with DejaVu Sans, a font shipped as
 * an npm package, so the picture is the same on every machine and no system font is read.
 *
 * Vega and resvg cost ~200 ms and ~20 MB to load; only report requests need them, so they load
 * on the first chart, not at start-up.
 */

type Vega = typeof VegaModule;
type VegaLite = typeof VegaLiteModule;
type Resvg = typeof ResvgModule;

interface Toolkit {
  readonly vega: Vega;
  readonly vegaLite: VegaLite;
  readonly resvg: Resvg;
  readonly fonts: Uint8Array[];
}

let toolkit: Promise<Toolkit> | undefined;

async function loadToolkit(): Promise<Toolkit> {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, see above */
  const vega = require('vega') as Vega;
  const vegaLite = require('vega-lite') as VegaLite;
  const resvg = require('@resvg/resvg-wasm') as Resvg;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // Everything that can fail is read before initWasm, which succeeds only once per process: a
  // failed attempt can then be retried from the start.
  const wasm = readFileSync(require.resolve('@resvg/resvg-wasm/index_bg.wasm'));
  const fonts = ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(
    (file) => new Uint8Array(readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`))),
  );
  await resvg.initWasm(wasm);
  return { vega, vegaLite, resvg, fonts };
}

function getToolkit(): Promise<Toolkit> {
  toolkit ??= loadToolkit().catch((error: unknown) => {
    toolkit = undefined;
    throw error;
  });
  return toolkit;
}

/** The chart as SVG text, at its CSS size (what the PNG is drawn from). */
export async function chartSvg(spec: TopLevelSpec): Promise<string> {
  const { vega, vegaLite } = await getToolkit();
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as PNG bytes, CHART_SCALE pixels per CSS pixel, on white. */
export async function renderChartPng(spec: TopLevelSpec): Promise<Buffer> {
  const svg = await chartSvg(spec);
  const { resvg, fonts } = await getToolkit();
  const renderer = new resvg.Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: CHART_SCALE },
    font: { fontBuffers: fonts, defaultFontFamily: CHART_FONT, sansSerifFamily: CHART_FONT },
  });
  try {
    const image = renderer.render();
    try {
      return Buffer.from(image.asPng());
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
