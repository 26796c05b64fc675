import { MinCostFlow } from './min-cost-flow';
import type {
  Assignment,
  PlacementCommunity,
  PlacementConfig,
  PlacementProject,
  PlacementResult,
  UnplacedReason,
} from './placement-types';

export class PlacementInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PlacementInputError';
  }
}

const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Exact optimal placement (落户) by min-cost flow, lexicographic objective:
 * 1. fill community minimums as far as possible; 2. place as many projects as possible;
 * 3. maximise total preference points (then prefer placing earlier project ids), where choice k of a list earns P - k + 1 (P = longest
 * list) plus `needFitBonus` (default 1) when the project addresses a need the community posted.
 * Inputs are sorted by id first, so the result is deterministic and independent of input order.
 */
export function placeProjects(
  projectsIn: readonly PlacementProject[],
  communitiesIn: readonly PlacementCommunity[],
  config: PlacementConfig = {},
): PlacementResult {
  const projects = [...projectsIn].sort(byId);
  const communities = [...communitiesIn].sort(byId);
  const cIndex = new Map<string, number>();
  communities.forEach((c, i) => {
    if (cIndex.has(c.id)) throw new PlacementInputError(`duplicate community ${c.id}`);
    if (!Number.isSafeInteger(c.capacity) || c.capacity < 0)
      throw new PlacementInputError(`community ${c.id}: bad capacity`);
    const min = c.minimum ?? 0;
    if (!Number.isSafeInteger(min) || min < 0 || min > c.capacity)
      throw new PlacementInputError(`community ${c.id}: minimum must be between 0 and capacity`);
    cIndex.set(c.id, i);
  });
  const seen = new Set<string>();
  for (const p of projects) {
    if (seen.has(p.id)) throw new PlacementInputError(`duplicate project ${p.id}`);
    seen.add(p.id);
  }
  const bonus = config.needFitBonus ?? 1;
  const P = Math.max(1, ...projects.map((p) => p.preferences.length));
  const maxPoints = P + Math.max(0, bonus);
  const M1 = (maxPoints + 1) * (projects.length + 1); // one more placement beats any preference gain
  const M2 = M1 * (projects.length + 1); // one more minimum slot beats any number of placements
  // deterministic tie-break: among equally good assignments prefer placing earlier ids;
  // K is larger than any sum of tie terms, so ties never outweigh one preference point
  const n = projects.length;
  const K = (n * (n + 1)) / 2 + 1;
  if (!Number.isSafeInteger(M2 * K * (n + communities.length + 1)))
    throw new PlacementInputError('instance too large for exact integer costs');
  const S = projects.length + communities.length;
  const T = S + 1;
  const flow = new MinCostFlow(S + 2);
  const candidates: {
    p: number;
    c: number;
    edge: number;
    rank: number;
    needFit: boolean;
    points: number;
  }[] = [];
  projects.forEach((p, pi) => {
    flow.addEdge(S, pi, 1, 0);
    const used = new Set<string>();
    p.preferences.forEach((cid, k) => {
      const ci = cIndex.get(cid);
      if (ci === undefined || used.has(cid)) return;
      used.add(cid);
      const needs = new Set(communities[ci].postedNeeds ?? []);
      const needFit = (p.addressesNeeds ?? []).some((n) => needs.has(n));
      const points = P - k + (needFit ? bonus : 0);
      const edge = flow.addEdge(pi, projects.length + ci, 1, -((M1 + points) * K + (n - pi)));
      candidates.push({ p: pi, c: ci, edge, rank: k + 1, needFit, points });
    });
  });
  communities.forEach((c, ci) => {
    const min = c.minimum ?? 0;
    if (min > 0) flow.addEdge(projects.length + ci, T, min, -M2 * K);
    if (c.capacity - min > 0) flow.addEdge(projects.length + ci, T, c.capacity - min, 0);
  });
  flow.run(S, T);
  const assignments: Assignment[] = [];
  const placed = new Array<number>(communities.length).fill(0);
  const placedProjects = new Set<number>();
  for (const cand of candidates) {
    if (flow.flowOn(cand.edge) > 0) {
      assignments.push({
        projectId: projects[cand.p].id,
        communityId: communities[cand.c].id,
        preferenceRank: cand.rank,
        needFit: cand.needFit,
        points: cand.points,
      });
      placed[cand.c]++;
      placedProjects.add(cand.p);
    }
  }
  const unplaced = projects
    .map((p, pi) => ({ p, pi }))
    .filter(({ pi }) => !placedProjects.has(pi))
    .map(({ p }) => {
      let reason: UnplacedReason = 'preferred_communities_full';
      if (p.preferences.length === 0) reason = 'no_preferences';
      else if (!p.preferences.some((c) => cIndex.has(c))) reason = 'unknown_communities';
      return { projectId: p.id, reason };
    });
  return {
    assignments,
    unplaced,
    communities: communities.map((c, ci) => ({
      id: c.id,
      placed: placed[ci],
      capacity: c.capacity,
      minimum: c.minimum ?? 0,
      minimumMet: placed[ci] >= (c.minimum ?? 0),
    })),
    totalPoints: assignments.reduce((s, a) => s + a.points, 0),
  };
}
