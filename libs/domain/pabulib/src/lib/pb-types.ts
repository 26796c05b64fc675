export const VOTE_TYPES = ['approval', 'ordinal', 'cumulative', 'scoring', 'choose-1'] as const;
export type VoteType = (typeof VOTE_TYPES)[number];

export interface PbIssue {
  /** 1-based line number in the file (0 when it concerns the whole file). */
  readonly line: number;
  readonly severity: 'error' | 'warning';
  readonly code: string;
  readonly message: string;
}

export interface PbRow {
  /** 1-based line where the row starts. */
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export interface PbProject extends PbRow {
  readonly id: string;
}

export interface PbVote extends PbRow {
  readonly voterId: string;
  /** Project ids in ballot order (ordered for ordinal ballots). */
  readonly vote: readonly string[];
  /** Points aligned with `vote` for cumulative/scoring ballots. */
  readonly points?: readonly string[];
}

/** A parsed `.pb` file; META keeps the file's key order. */
export interface PbFile {
  readonly meta: ReadonlyArray<readonly [string, string]>;
  readonly metaLines: Readonly<Record<string, number>>;
  readonly projectColumns: readonly string[];
  readonly projects: readonly PbProject[];
  readonly voteColumns: readonly string[];
  readonly votes: readonly PbVote[];
  readonly sectionLines: Readonly<Partial<Record<'META' | 'PROJECTS' | 'VOTES', number>>>;
}

export function metaValue(file: PbFile, key: string): string | undefined {
  for (const [k, v] of file.meta) if (k === key) return v;
  return undefined;
}
