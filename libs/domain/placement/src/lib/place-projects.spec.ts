import { placeProjects } from './place-projects';
import { PLACEMENT_MESSAGES, UNPLACED_REASONS } from './placement-types';

describe('placement (落户) by min-cost flow', () => {
  it('capacity conflict: the exact optimum moves one project to its second choice', () => {
    // both p1 and p2 want weiwan first (capacity 1); p1's second choice is gone, p2 can go to lijiajie
    const r = placeProjects(
      [
        { id: 'p1', preferences: ['weiwan'] },
        { id: 'p2', preferences: ['weiwan', 'lijiajie'] },
      ],
      [
        { id: 'weiwan', capacity: 1 },
        { id: 'lijiajie', capacity: 1 },
      ],
    );
    expect(r.assignments.map((a) => [a.projectId, a.communityId, a.preferenceRank])).toEqual([
      ['p1', 'weiwan', 1],
      ['p2', 'lijiajie', 2],
    ]);
    expect(r.unplaced).toEqual([]);
  });

  it('reports unplaced projects with reasons', () => {
    const r = placeProjects(
      [
        { id: 'a', preferences: ['c1'] },
        { id: 'b', preferences: ['c1'] },
        { id: 'c', preferences: [] },
        { id: 'd', preferences: ['nowhere'] },
      ],
      [{ id: 'c1', capacity: 1 }],
    );
    expect(r.assignments.map((a) => a.projectId)).toEqual(['a']); // tie on points: deterministic
    expect(r.unplaced).toEqual([
      { projectId: 'b', reason: 'preferred_communities_full' },
      { projectId: 'c', reason: 'no_preferences' },
      { projectId: 'd', reason: 'unknown_communities' },
    ]);
  });

  it('need fit bonus decides between equal preferences', () => {
    const r = placeProjects(
      [
        { id: 'elder-care', preferences: ['yuanxiao', 'weiwan'], addressesNeeds: ['elderly'] },
        {
          id: 'white-collar',
          preferences: ['weiwan', 'yuanxiao'],
          addressesNeeds: ['young-workers'],
        },
      ],
      [
        { id: 'weiwan', capacity: 1, postedNeeds: ['elderly'] },
        { id: 'yuanxiao', capacity: 1, postedNeeds: ['young-workers'] },
      ],
      { needFitBonus: 2 },
    );
    // first choices: 2+2 = 4 points; swapped with need fit: (1+2) + (1+2) = 6 points
    expect(r.assignments.map((a) => [a.projectId, a.communityId, a.needFit])).toEqual([
      ['elder-care', 'weiwan', true],
      ['white-collar', 'yuanxiao', true],
    ]);
    expect(r.totalPoints).toBe(6);
  });

  it('a community minimum is met before preferences', () => {
    const r = placeProjects(
      [
        { id: 'x', preferences: ['gongfu', 'kuiwenmen'] },
        { id: 'y', preferences: ['gongfu', 'kuiwenmen'] },
      ],
      [
        { id: 'gongfu', capacity: 2 },
        { id: 'kuiwenmen', capacity: 2, minimum: 1 },
      ],
    );
    expect(r.communities.find((c) => c.id === 'kuiwenmen')).toEqual({
      id: 'kuiwenmen',
      placed: 1,
      capacity: 2,
      minimum: 1,
      minimumMet: true,
    });
    expect(r.assignments).toHaveLength(2);
  });

  it('maximises the number placed, then total preference; independent of input order', () => {
    const projects = Array.from({ length: 12 }, (_, i) => ({
      id: `p${i}`,
      preferences: [`c${i % 3}`, `c${(i + 1) % 3}`],
    }));
    const communities = [0, 1, 2].map((i) => ({ id: `c${i}`, capacity: 3 + i }));
    const r1 = placeProjects(projects, communities);
    const r2 = placeProjects([...projects].reverse(), [...communities].reverse());
    expect(r1).toEqual(r2);
    expect(r1.assignments).toHaveLength(12);
    expect(r1.totalPoints).toBe(12 * 2 - 2); // c0 overflows by one into c1, which pushes one into c2
  });

  it('has zh-CN and en texts for every reason', () => {
    for (const code of UNPLACED_REASONS) {
      expect(PLACEMENT_MESSAGES['zh-CN'][code]).toBeTruthy();
      expect(PLACEMENT_MESSAGES.en[code]).toBeTruthy();
    }
  });
});
