import { submissionProblem, SubmissionContent } from './submission-check';

const complete: SubmissionContent = {
  title: '苇湾长者助餐点',
  summary: 's',
  objectives: 'o',
  activities: 'a',
  team: 't',
  communities: 1,
  beneficiaryGroups: 1,
  beneficiaryCount: 120,
  budgetLines: 2,
  milestones: 1,
  totalFen: 1_000_000,
};
const call = { minGrantFen: 300_000, maxGrantFen: 2_000_000 };

describe('submissionProblem', () => {
  it('accepts a complete proposal within the range, its bounds included', () => {
    expect(submissionProblem(complete, call)).toBeUndefined();
    expect(submissionProblem({ ...complete, totalFen: 300_000 }, call)).toBeUndefined();
    expect(submissionProblem({ ...complete, totalFen: 2_000_000 }, call)).toBeUndefined();
  });

  it('names every empty field (blank text counts as empty)', () => {
    const p = submissionProblem(
      { ...complete, title: '  ', team: null, communities: 0, beneficiaryCount: 0, milestones: 0 },
      call,
    );
    expect(p?.code).toBe('proposal_incomplete');
    expect(p?.fields.map((f) => f.field)).toEqual([
      'title',
      'team',
      'communityIds',
      'beneficiaryCount',
      'milestones',
    ]);
  });

  it('gives amounts as they are written elsewhere: separators and two decimals', () => {
    expect(submissionProblem({ ...complete, totalFen: 3_500_000 }, call)).toEqual({
      code: 'budget_above_max',
      params: { max: '20,000.00', total: '35,000.00' },
      fields: [{ field: 'budgetLines', code: 'budget_above_max' }],
    });
    expect(submissionProblem({ ...complete, totalFen: 299_999 }, call)?.params).toEqual({
      min: '3,000.00',
      total: '2,999.99',
    });
  });
});
