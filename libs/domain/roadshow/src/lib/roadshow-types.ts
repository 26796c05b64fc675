/** Asia/Shanghai wall-clock time "YYYY-MM-DDTHH:mm"; every interval is half-open [start, end). */
export type WallClock = string;

export interface Interval {
  start: WallClock;
  end: WallClock;
}

export interface SlotTemplate {
  pitchMinutes: number;
  qaMinutes: number;
  changeoverMinutes: number;
}

export interface RoadshowSessionInput extends Interval {
  id: string;
  room: string;
  /** null: open to every track. */
  track: string | null;
  judges: string[];
}

export interface RoadshowProposalInput {
  id: string;
  organisation: string;
  track: string;
  /** Times the organisation cannot come. */
  unavailable: Interval[];
  /** Judges with a conflict of interest: they do not count towards this pitch's quorum. */
  conflicts: string[];
}

export interface RoadshowInput {
  slot: SlotTemplate;
  quorum: number;
  seed: string;
  sessions: RoadshowSessionInput[];
  proposals: RoadshowProposalInput[];
}

export interface RoadshowAssignment extends Interval {
  proposal: string;
  session: string;
}

export type UnplacedReason =
  'no_session_for_track' | 'no_session_with_quorum' | 'unavailable' | 'no_free_slot';

export interface RoadshowOutput {
  assignments: RoadshowAssignment[];
  unplaced: { proposal: string; reason: UnplacedReason }[];
  sessionsUsed: number;
  seed: string;
  /**
   * exact: the result is proven optimal (placed, then sessions, then holes). sessionsLowerBound: no
   * schedule placing as many uses fewer sessions; placedUpperBound: no schedule places more (a maximum
   * matching, organisations aside); holes: empty slots before the last pitch of a session, summed.
   */
  bounds: { exact: boolean; sessionsLowerBound: number; placedUpperBound: number; holes: number };
}

/** A rule an agenda breaks (checkPlacement). */
export interface PlacementViolation {
  proposal: string;
  rule: 'room' | 'judge' | 'organisation' | 'track' | 'quorum' | 'unavailable' | 'slot';
  message: string;
}

/** Bad input: every problem, each naming what clashes. */
export class RoadshowInputError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid roadshow input:\n  - ${problems.join('\n  - ')}`);
    this.name = 'RoadshowInputError';
  }
}
