import { StatsTable } from './organisation-stats.util';

/** One fill per organisation type, in the table's type order. */
export const TYPE_COLOURS = [
  '#b71c1c',
  '#e65100',
  '#f9a825',
  '#2e7d32',
  '#1565c0',
  '#6a1b9a',
  '#546e7a',
];

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The statistics table as an inline SVG: one horizontal stacked bar per community (segments by type),
 * the count and share at the end, a legend below. Server-rendered, no script; text is escaped.
 */
export function statsChartSvg(
  table: StatsTable,
  typeLabel: (type: string) => string,
  title: string,
): string {
  const labelW = 110;
  const barW = 520;
  const rowH = 26;
  const top = 10;
  const max = Math.max(1, ...table.rows.map((r) => r.total));
  const height = top + table.rows.length * rowH + 16 + Math.ceil(table.types.length / 3) * 20;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="stats-chart-title" viewBox="0 0 ${labelW + barW + 110} ${height}" width="100%" font-size="13">`,
    `<title id="stats-chart-title">${esc(title)}</title>`,
  ];
  table.rows.forEach((r, i) => {
    const y = top + i * rowH;
    parts.push(`<text x="${labelW - 6}" y="${y + 15}" text-anchor="end">${esc(r.name)}</text>`);
    let x = labelW;
    r.cells.forEach((c, k) => {
      if (!c.count) return;
      const w = (c.count / max) * barW;
      parts.push(
        `<rect x="${x.toFixed(1)}" y="${y + 3}" width="${w.toFixed(1)}" height="${rowH - 8}" fill="${TYPE_COLOURS[k % TYPE_COLOURS.length]}"><title>${esc(`${r.name} · ${typeLabel(c.type)}: ${c.count}`)}</title></rect>`,
      );
      x += w;
    });
    parts.push(`<text x="${(x + 6).toFixed(1)}" y="${y + 15}">${r.total} (${r.share}%)</text>`);
  });
  const legendTop = top + table.rows.length * rowH + 12;
  table.types.forEach((t, k) => {
    const x = labelW + (k % 3) * 180;
    const y = legendTop + Math.floor(k / 3) * 20;
    parts.push(
      `<rect x="${x}" y="${y}" width="12" height="12" fill="${TYPE_COLOURS[k % TYPE_COLOURS.length]}"/><text x="${x + 18}" y="${y + 11}">${esc(typeLabel(t))}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('');
}
