import { rational, toString } from '@gv/rational';
import { aggregateScores } from './aggregate-scores';
import { RUBRIC, flat } from './scoring-builders';
import { SCORING_MESSAGES } from './scoring-messages';

const five = ['j1', 'j2', 'j3', 'j4', 'j5'];
// sheet scores 90, 80, 70, 60, 30 on proposal P
const sheetsP = [9, 8, 7, 6, 3].map((s, i) => flat(five[i], 'P', s));

describe('aggregation methods (hand-checked)', () => {
  it.each([
    ['mean', '66', '66.00'], // (90+80+70+60+30)/5 = 330/5
    ['trimmed_mean', '70', '70.00'], // drop 90 and 30: (80+70+60)/3
    ['median', '70', '70.00'],
  ] as const)('%s of 90, 80, 70, 60, 30 = %s', (method, exact, display) => {
    const [p] = aggregateScores(RUBRIC, sheetsP, { method }).proposals;
    expect(toString(p.score!)).toBe(exact);
    expect(p.display).toBe(display);
  });

  it('trimmed mean records the dropped sheets with their reasons', () => {
    const [p] = aggregateScores(RUBRIC, sheetsP, { method: 'trimmed_mean' }).proposals;
    expect(p.dropped).toEqual([
      { judgeId: 'j1', reason: 'trimmed_highest', score: rational(90) },
      { judgeId: 'j5', reason: 'trimmed_lowest', score: rational(30) },
    ]);
    expect(p.used.map((u) => u.judgeId)).toEqual(['j2', 'j3', 'j4']);
  });

  it('fewer than N valid sheets: plain mean, and the result says so', () => {
    const sheets = [...sheetsP.slice(0, 4), flat('j5', 'P', 3, { recused: true })];
    const [p] = aggregateScores(RUBRIC, sheets, { method: 'trimmed_mean' }).proposals;
    expect(toString(p.score!)).toBe('75'); // (90+80+70+60)/4
    expect(p.flags).toContainEqual({ code: 'trim_not_applied', params: { valid: 4, required: 5 } });
    expect(p.dropped).toEqual([{ judgeId: 'j5', reason: 'recused' }]);
  });

  it('median of an even count is the mean of the two middle sheets', () => {
    const [p] = aggregateScores(RUBRIC, sheetsP.slice(0, 4), { method: 'median' }).proposals;
    expect(toString(p.score!)).toBe('75');
  });

  it('N/A is missing, never zero: renormalised over the answered weights', () => {
    // need 8/10 (w2), plan N/A, budget 5/10 (w1): 100 * (2*0.8 + 1*0.5) / 3 = 70
    const [p] = aggregateScores(
      RUBRIC,
      [{ judgeId: 'j', proposalId: 'P', scores: { need: 8, plan: null, budget: 5 } }],
      { method: 'mean' },
    ).proposals;
    expect(toString(p.score!)).toBe('70');
    expect(p.steps).toContainEqual({ code: 'na_renormalised', params: { sheets: 1 } });
    const [q] = aggregateScores(
      RUBRIC,
      [{ judgeId: 'j', proposalId: 'Q', scores: { need: 7, plan: null, budget: null } }],
      { method: 'mean' },
    ).proposals;
    expect(toString(q.score!)).toBe('70');
  });

  it('invalid sheets are dropped with a reason', () => {
    const sheets = [
      { judgeId: 'a', proposalId: 'P', scores: { need: 11, plan: 1, budget: 1 } },
      { judgeId: 'b', proposalId: 'P', scores: { need: null, plan: null, budget: null } },
      { judgeId: 'c', proposalId: 'P', scores: { need: 1, plan: 1 } },
      flat('d', 'P', 5),
      flat('d', 'P', 9),
    ];
    const [p] = aggregateScores(RUBRIC, sheets, { method: 'mean' }).proposals;
    expect(p.dropped.map((d) => [d.judgeId, d.reason])).toEqual([
      ['a', 'invalid_score'],
      ['b', 'all_not_applicable'],
      ['c', 'missing_criterion'],
      ['d', 'duplicate_sheet'],
    ]);
    expect(toString(p.score!)).toBe('50');
  });

  it('exact thirds display half-up with 2 decimals', () => {
    const [p] = aggregateScores(
      RUBRIC,
      [flat('a', 'P', 10), flat('b', 'P', 10), flat('c', 'P', 0)],
      { method: 'mean' },
    ).proposals;
    expect(toString(p.score!)).toBe('200/3');
    expect(p.display).toBe('66.67');
  });

  it('divergence flag when the range exceeds the threshold', () => {
    const [p] = aggregateScores(RUBRIC, sheetsP, {
      method: 'mean',
      divergenceThreshold: rational(50),
    }).proposals;
    expect(p.flags).toContainEqual({
      code: 'divergent_scores',
      params: { spread: '60.00', threshold: '50' },
    });
    const [q] = aggregateScores(RUBRIC, sheetsP, {
      method: 'mean',
      divergenceThreshold: rational(60),
    }).proposals;
    expect(q.flags.some((f) => f.code === 'divergent_scores')).toBe(false);
  });

  it('weighted panel groups 60/20/20, with a missing group renormalised', () => {
    const sheets = [
      flat('e1', 'P', 9, { group: 'experts' }),
      flat('e2', 'P', 7, { group: 'experts' }),
      flat('c1', 'P', 5, { group: 'community' }),
      flat('r1', 'P', 10, { group: 'residents' }),
      flat('e1', 'Q', 6, { group: 'experts' }),
      flat('c1', 'Q', 9, { group: 'community' }),
    ];
    const groups = [
      { id: 'experts', weight: 60 },
      { id: 'community', weight: 20 },
      { id: 'residents', weight: 20 },
    ];
    const [p, q] = aggregateScores(RUBRIC, sheets, { method: 'mean', groups }).proposals;
    expect(toString(p.score!)).toBe('78'); // 0.6*80 + 0.2*50 + 0.2*100
    expect(toString(q.score!)).toBe('135/2'); // (60*60 + 20*90) / 80 = 67.5
    expect(q.flags).toContainEqual({ code: 'group_missing', params: { group: 'residents' } });
  });

  it('public vote component with its weight', () => {
    const [p] = aggregateScores(RUBRIC, sheetsP, {
      method: 'trimmed_mean',
      publicVote: { panelWeight: 80, publicWeight: 20, scores: { P: rational(95) } },
    }).proposals;
    expect(toString(p.score!)).toBe('75'); // 0.8*70 + 0.2*95
  });

  it('every code used has zh-CN and en texts', () => {
    const r = aggregateScores(RUBRIC, sheetsP, { method: 'trimmed_mean' });
    const codes = r.proposals.flatMap((p) =>
      [...p.flags, ...p.steps].map((x) => x.code).concat(p.dropped.map((d) => d.reason)),
    );
    for (const c of codes) {
      expect(SCORING_MESSAGES['zh-CN'][c]).toBeDefined();
      expect(SCORING_MESSAGES.en[c]).toBeDefined();
    }
    expect(Object.keys(SCORING_MESSAGES['zh-CN']).sort()).toEqual(
      Object.keys(SCORING_MESSAGES.en).sort(),
    );
  });
});
