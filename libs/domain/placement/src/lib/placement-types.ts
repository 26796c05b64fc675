export interface PlacementProject {
  readonly id: string;
  /** Host communities in order of preference (most wanted first). */
  readonly preferences: readonly string[];
  /** Ids of the posted needs the project addresses. */
  readonly addressesNeeds?: readonly string[];
}

export interface PlacementCommunity {
  readonly id: string;
  /** Most projects it can host. */
  readonly capacity: number;
  /** Projects it should host at least (met first when possible). */
  readonly minimum?: number;
  /** Needs the community posted (需求征集). */
  readonly postedNeeds?: readonly string[];
}

export interface PlacementConfig {
  /** Preference points added when the project addresses one of the community's posted needs. */
  readonly needFitBonus?: number;
}

export const UNPLACED_REASONS = [
  'no_preferences',
  'unknown_communities',
  'preferred_communities_full',
] as const;
export type UnplacedReason = (typeof UNPLACED_REASONS)[number];

export interface Assignment {
  readonly projectId: string;
  readonly communityId: string;
  /** 1 = first choice. */
  readonly preferenceRank: number;
  readonly needFit: boolean;
  /** Preference points earned (P - rank + 1, plus the need-fit bonus). */
  readonly points: number;
}

export interface PlacementResult {
  readonly assignments: readonly Assignment[];
  readonly unplaced: ReadonlyArray<{ readonly projectId: string; readonly reason: UnplacedReason }>;
  readonly communities: ReadonlyArray<{
    readonly id: string;
    readonly placed: number;
    readonly capacity: number;
    readonly minimum: number;
    readonly minimumMet: boolean;
  }>;
  readonly totalPoints: number;
}

export const PLACEMENT_MESSAGES: Record<
  'zh-CN' | 'en',
  Record<UnplacedReason | 'community_minimum_unmet', string>
> = {
  'zh-CN': {
    no_preferences: '未填写意向落户社区',
    unknown_communities: '意向社区均不存在',
    preferred_communities_full: '意向社区的容量已满',
    community_minimum_unmet: '社区落户项目数未达到最低要求',
  },
  en: {
    no_preferences: 'No host community listed',
    unknown_communities: 'None of the listed communities exists',
    preferred_communities_full: 'Every listed community is at capacity',
    community_minimum_unmet: 'Community hosts fewer projects than its minimum',
  },
};
