import { buildStatsTable, shareOf, StatsCountRow } from './organisation-stats.util';
import { statsChartSvg } from './stats-chart.util';

const communities = [
  { id: 1, name: '苇湾社区' },
  { id: 4, name: '工福街社区' },
  { id: 9, name: '新华社区' },
];
const types = ['convenience', 'charity', 'culture_sport'];

describe('organisation statistics table (type × community)', () => {
  it('rounds shares to one decimal exactly, half up', () => {
    expect(shareOf(25, 102)).toBe('24.5');
    expect(shareOf(51, 102)).toBe('50.0');
    expect(shareOf(1, 3)).toBe('33.3');
    expect(shareOf(2, 3)).toBe('66.7');
    expect(shareOf(1, 8)).toBe('12.5'); // exactly 12.5 stays
    expect(shareOf(1, 16)).toBe('6.3'); // 6.25 rounds half up
    expect(shareOf(102, 102)).toBe('100.0');
    expect(shareOf(0, 102)).toBe('0.0');
    expect(shareOf(3, 0)).toBe('0.0');
  });

  it('reproduces the report: 102 organisations, 25 (24.5%) in 工福街, convenience services half', () => {
    const rows: StatsCountRow[] = [
      { communityId: 4, type: 'convenience', count: 13 },
      { communityId: 4, type: 'charity', count: 7 },
      { communityId: 4, type: 'culture_sport', count: 5 },
      { communityId: 1, type: 'convenience', count: 20 },
      { communityId: 1, type: 'charity', count: 10 },
      { communityId: 9, type: 'convenience', count: 18 },
      { communityId: 9, type: 'culture_sport', count: 29 },
    ];
    const t = buildStatsTable(rows, communities, types);
    expect(t.total).toBe(102);
    const gongfu = t.rows.find((r) => r.communityId === 4)!;
    expect(gongfu).toMatchObject({ name: '工福街社区', total: 25, share: '24.5' });
    expect(gongfu.cells).toEqual([
      { type: 'convenience', count: 13 },
      { type: 'charity', count: 7 },
      { type: 'culture_sport', count: 5 },
    ]);
    expect(t.typeTotals[0]).toEqual({ type: 'convenience', count: 51, share: '50.0' });
    expect(t.typeTotals.map((x) => x.count).reduce((a, b) => a + b)).toBe(102);
  });

  it('keeps communities without organisations as zero rows, in the given order, and adds split rows', () => {
    const t = buildStatsTable(
      [
        { communityId: 1, type: 'charity', count: 1 },
        { communityId: 1, type: 'charity', count: 2 },
      ],
      communities,
      types,
    );
    expect(t.rows.map((r) => [r.name, r.total, r.share])).toEqual([
      ['苇湾社区', 3, '100.0'],
      ['工福街社区', 0, '0.0'],
      ['新华社区', 0, '0.0'],
    ]);
  });

  it('accepts counts as strings (MariaDB COUNT comes back as a string) and leaves unknown types out of every total', () => {
    const t = buildStatsTable(
      [
        { communityId: 1, type: 'charity', count: '4' as unknown as number },
        { communityId: 1, type: 'gone', count: 2 },
      ],
      communities,
      types,
    );
    expect(t.rows[0].total).toBe(4);
    expect(t.total).toBe(4);
    expect(t.rows[0].share).toBe('100.0');
  });

  it('is empty but well-formed without organisations', () => {
    const t = buildStatsTable([], communities, types);
    expect(t.total).toBe(0);
    expect(t.typeTotals.every((x) => x.share === '0.0')).toBe(true);
  });

  it('draws an SVG bar per community with escaped labels', () => {
    const t = buildStatsTable(
      [{ communityId: 4, type: 'charity', count: 25 }],
      [{ id: 4, name: '工福<街>' }],
      types,
    );
    const svg = statsChartSvg(t, (x) => `T:${x}`, 'chart & title');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('工福&#60;街&#62;');
    expect(svg).toContain('chart &#38; title');
    expect(svg).toContain('25 (100.0%)');
    expect(svg).not.toContain('<script');
  });
});
