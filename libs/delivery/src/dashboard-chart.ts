/** One bar of a grouped bar chart: the series' value and what is printed above it. */
export interface ChartValue {
  value: number;
  text: string;
  /** CSS class of the series (its colour). */
  series: string;
}

export interface ChartGroup {
  label: string;
  values: ChartValue[];
}

/** Geometry of an inline SVG bar chart (drawn by the template; no script, no CDN). */
export interface BarChart {
  width: number;
  height: number;
  bars: Array<{
    x: number;
    y: number;
    w: number;
    h: number;
    series: string;
    text: string;
    tx: number;
    ty: number;
  }>;
  labels: Array<{ x: number; y: number; text: string }>;
  baseline: { x1: number; x2: number; y: number };
}

const PAD = { top: 22, bottom: 34, left: 12, right: 12 };

/**
 * Grouped vertical bars scaled to the largest value: each group's bars side by side, its label below,
 * each value printed above its bar. Labels longer than `maxLabel` characters are shortened.
 */
export function barChart(
  groups: ChartGroup[],
  options: { height?: number; barWidth?: number; gap?: number; maxLabel?: number } = {},
): BarChart {
  const height = options.height ?? 220;
  const bw = options.barWidth ?? 26;
  const gap = options.gap ?? 22;
  const maxLabel = options.maxLabel ?? 8;
  const series = Math.max(1, ...groups.map((g) => g.values.length));
  const groupWidth = series * bw + gap;
  const width = Math.max(240, PAD.left + PAD.right + groups.length * groupWidth);
  const plot = height - PAD.top - PAD.bottom;
  const max = Math.max(1, ...groups.flatMap((g) => g.values.map((v) => v.value)));
  const base = PAD.top + plot;
  const bars: BarChart['bars'] = [];
  const labels: BarChart['labels'] = [];
  groups.forEach((g, gi) => {
    const x0 = PAD.left + gi * groupWidth + gap / 2;
    g.values.forEach((v, vi) => {
      const h = v.value > 0 ? Math.max(2, Math.round((plot * v.value) / max)) : 0;
      const x = x0 + vi * bw;
      bars.push({
        x,
        y: base - h,
        w: bw - 4,
        h,
        series: v.series,
        text: v.text,
        tx: x + (bw - 4) / 2,
        ty: base - h - 5,
      });
    });
    const text =
      [...g.label].length > maxLabel ? `${[...g.label].slice(0, maxLabel - 1).join('')}…` : g.label;
    labels.push({ x: x0 + (series * bw - 4) / 2, y: base + 18, text });
  });
  return {
    width,
    height,
    bars,
    labels,
    baseline: { x1: PAD.left, x2: width - PAD.right, y: base },
  };
}
