import { compare, toFixed, toString } from '@gv/rational';
import { aggregateScores } from './aggregate-scores';
import { RUBRIC, flat } from './scoring-builders';

describe('z-score normalisation: a lenient and a harsh judge', () => {
  // lenient judge L gives 90/80/70 to A/B/C; harsh judge H gives 60/50/40 (same spread, lower mean).
  const sheets = [
    flat('L', 'A', 9),
    flat('L', 'B', 8),
    flat('L', 'C', 7),
    flat('H', 'A', 6),
    flat('H', 'B', 5),
    flat('H', 'C', 4),
    // X scored only D (fewer than 3 sheets): passed through and flagged
    flat('X', 'D', 10),
  ];

  it('maps both judges onto the call mean and spread; pass-through is flagged', () => {
    const r = aggregateScores(RUBRIC, sheets, { method: 'zscore' });
    const by = Object.fromEntries(r.proposals.map((p) => [p.proposalId, p]));
    // call: 90,80,70,60,50,40,100 -> mean 490/7 = 70, population variance 2800/7 = 400, spread 20
    // each judge: spread sqrt(200/3) ~ 8.165, so ratio = sqrt(400 / (200/3)) = sqrt(6) ~ 2.449
    // A: both judges are +10 above their mean -> 70 + 10*sqrt(6) ~ 94.494897
    expect(toFixed(by['A'].score!, 6)).toBe('94.494897');
    expect(toString(by['B'].score!)).toBe('70'); // both at their own mean -> call mean exactly
    expect(toFixed(by['C'].score!, 6)).toBe('45.505102');
    expect(compare(by['A'].used[0].normalised!, by['A'].used[1].normalised!)).toBe(0); // lenient == harsh after normalising
    expect(toString(by['D'].score!)).toBe('100');
    expect(by['D'].flags).toContainEqual({ code: 'judge_too_few_sheets', params: { judge: 'X' } });
    expect(by['A'].flags).toContainEqual({
      code: 'approximate_sqrt',
      params: { precision: '1e-6' },
    });
    expect(r.notes).toContainEqual({
      code: 'judge_passed_through',
      params: { judge: 'X', reason: 'judge_too_few_sheets', sheets: 1 },
    });
  });

  it('a judge with zero spread is passed through', () => {
    const r = aggregateScores(
      RUBRIC,
      [
        flat('Z', 'A', 7),
        flat('Z', 'B', 7),
        flat('Z', 'C', 7),
        flat('L', 'A', 9),
        flat('L', 'B', 8),
        flat('L', 'C', 7),
      ],
      { method: 'zscore' },
    );
    expect(r.notes).toContainEqual({
      code: 'judge_passed_through',
      params: { judge: 'Z', reason: 'judge_zero_spread', sheets: 3 },
    });
  });

  it("plain mean would rank the harsh judge's favourite lower; z-score does not depend on who scored", () => {
    const plain = aggregateScores(
      RUBRIC,
      [
        flat('L', 'A', 9),
        flat('L', 'B', 8),
        flat('L', 'C', 7),
        flat('H', 'D', 6),
        flat('H', 'E', 5),
        flat('H', 'F', 4),
      ],
      { method: 'zscore' },
    );
    const s = Object.fromEntries(plain.proposals.map((p) => [p.proposalId, p.score!]));
    expect(compare(s['A'], s['D'])).toBe(0);
    expect(compare(s['C'], s['F'])).toBe(0);
  });
});
