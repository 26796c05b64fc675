import { fromInt } from '@gv/rational';
import { allocate } from './allocate';
import { drawLot, rankProposals, recordTieBreak } from './tie-break';
import { proposal } from '../testing/proposal-builders';

describe('tie-break chain', () => {
  const tied = [
    proposal('late-cheap', 80, 100, { submittedAt: 5, priority: fromInt(1) }),
    proposal('early-cheap', 80, 100, { submittedAt: 1, priority: fromInt(1) }),
    proposal('pricey', 80, 900, { submittedAt: 0, priority: fromInt(1) }),
    proposal('priority', 80, 999, { submittedAt: 9, priority: fromInt(2) }),
  ];

  it('score -> priority -> lower cost -> earlier submission, recorded with the result', () => {
    const ranked = rankProposals(tied, recordTieBreak({ priorityName: 'need_fit', seed: 's1' }));
    expect(ranked.map((r) => r.proposal.id)).toEqual([
      'priority',
      'early-cheap',
      'late-cheap',
      'pricey',
    ]);
    expect(ranked[1].tieBrokenBy).toEqual({ key: 'priority', other: 'priority' });
    expect(ranked[2].tieBrokenBy).toEqual({ key: 'earlier_submission', other: 'early-cheap' });
    const r = allocate(tied, {
      rule: 'greedy',
      budgetCap: 0,
      tieBreak: { priorityName: 'need_fit', seed: 's1' },
    });
    expect(r.tieBreak).toEqual({
      chain: ['score', 'priority', 'lower_cost', 'earlier_submission', 'lot'],
      priorityName: 'need_fit',
      seed: 's1',
    });
    expect(r.trace[1].notes).toContainEqual({
      code: 'tie_broken_by',
      params: { key: 'priority', other: 'priority' },
    });
  });

  it('the drawn lot is reproducible from the stored seed and depends on it', () => {
    expect(drawLot('seed-2025', 'p1')).toBe(drawLot('seed-2025', 'p1'));
    const ids = Array.from({ length: 8 }, (_, i) => `p${i}`);
    const order = (seed: string) =>
      rankProposals(
        ids.map((id) => proposal(id, 1, 1)),
        recordTieBreak({ chain: ['score', 'lot'], seed }),
      ).map((r) => r.proposal.id);
    expect(order('a')).toEqual(order('a'));
    expect(order('a')).not.toEqual(order('b'));
    expect(
      rankProposals(
        ids.map((id) => proposal(id, 1, 1)),
        recordTieBreak({ chain: ['score', 'lot'], seed: 'a' }),
      )[1].tieBrokenBy?.key,
    ).toBe('lot');
  });
});
