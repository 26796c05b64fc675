/**
 * 社区社会组织培育基本情况统计表: organisations by type × community, with counts and shares.
 * Pure: rows in, table out. Shares are exact to one decimal (round half up in integer arithmetic),
 * so 25 of 102 reads 24.5% and 51 of 102 reads 50.0%.
 */
export interface StatsCountRow {
  communityId: number;
  type: string;
  count: number;
}

export interface StatsCommunity {
  id: number;
  name: string;
}

export interface StatsCell {
  type: string;
  count: number;
}

export interface StatsRow {
  communityId: number;
  name: string;
  cells: StatsCell[];
  total: number;
  /** Share of all organisations, e.g. "24.5". */
  share: string;
}

export interface StatsTable {
  types: string[];
  rows: StatsRow[];
  /** Per type: count and share of all organisations. */
  typeTotals: Array<{ type: string; count: number; share: string }>;
  total: number;
}

/** part/whole as a percentage with one decimal, rounded half up, without floating point. */
export function shareOf(part: number, whole: number): string {
  if (!whole) return '0.0';
  const tenths = Math.floor((2000 * part + whole) / (2 * whole));
  return `${Math.floor(tenths / 10)}.${tenths % 10}`;
}

export function buildStatsTable(
  rows: readonly StatsCountRow[],
  communities: readonly StatsCommunity[],
  types: readonly string[],
): StatsTable {
  const count = new Map<string, number>();
  for (const r of rows) {
    const key = `${r.communityId}|${r.type}`;
    count.set(key, (count.get(key) ?? 0) + Number(r.count));
  }
  const grid = communities.map((c) => {
    const cells = types.map((type) => ({ type, count: count.get(`${c.id}|${type}`) ?? 0 }));
    return { c, cells, rowTotal: cells.reduce((a, b) => a + b.count, 0) };
  });
  // Rows of unknown communities or types are left out of the total too, so the table adds up.
  const total = grid.reduce((a, g) => a + g.rowTotal, 0);
  const tableRows: StatsRow[] = grid.map(({ c, cells, rowTotal }) => ({
    communityId: c.id,
    name: c.name,
    cells,
    total: rowTotal,
    share: shareOf(rowTotal, total),
  }));
  const typeTotals = types.map((type) => {
    const n = tableRows.reduce((a, r) => a + (r.cells.find((x) => x.type === type)?.count ?? 0), 0);
    return { type, count: n, share: shareOf(n, total) };
  });
  return { types: [...types], rows: tableRows, typeTotals, total };
}
