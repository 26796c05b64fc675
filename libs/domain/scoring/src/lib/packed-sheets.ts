import type { JudgeSheet, Rubric } from './scoring-types';

/** Packed criterion score: not applicable (N/A is missing, never zero). */
export const PACKED_NA = -1;
/** Packed criterion score: the criterion is absent from the sheet (`missing_criterion`). */
export const PACKED_MISSING = -2;
/** Packed criterion score: not a valid integer score (`invalid_score`); any other negative value too. */
export const PACKED_INVALID = -3;

/** Per-sheet flag bit: conflict of interest declared (回避), the sheet is not used. */
export const SHEET_RECUSED = 1;
/** Per-sheet flag bit: the sheet names a criterion the rubric does not have (`unknown_criterion`). */
export const SHEET_UNKNOWN_CRITERION = 2;

export type PackedIndexArray = Int32Array | Uint32Array | Uint16Array | Uint8Array;

/**
 * Judge sheets in columnar form (one row per sheet, no per-sheet objects): the input of
 * {@link aggregatePacked}. Sheet `i` is for proposal `proposalIds[proposal[i]]` by judge
 * `judgeIds[judge[i]]`; its score for the rubric's criterion `c` (in rubric order) is
 * `scores[i * criteria + c]`, an integer in `0..maxPoints` or one of the `PACKED_*` sentinels.
 * Equal id strings at different indices are the same proposal / judge.
 */
export interface PackedSheets {
  readonly proposalIds: readonly string[];
  readonly judgeIds: readonly string[];
  readonly proposal: PackedIndexArray;
  readonly judge: PackedIndexArray;
  /** `proposal.length * rubric.criteria.length` scores, row-major, rubric criterion order. */
  readonly scores: Int16Array | Int32Array;
  /** Panel group per sheet: index into `groupIds`, or -1 for none. */
  readonly group?: Int32Array | Int16Array | Int8Array;
  readonly groupIds?: readonly string[];
  /** Per-sheet bit set of SHEET_RECUSED / SHEET_UNKNOWN_CRITERION. */
  readonly sheetFlags?: Uint8Array;
}

/**
 * Packs object sheets into the columnar form, faithfully: every sheet {@link aggregateScores}
 * would drop is dropped by {@link aggregatePacked} with the same reason.
 */
export function packSheets(rubric: Rubric, sheets: readonly JudgeSheet[]): PackedSheets {
  const ids = rubric.criteria.map((c) => c.id);
  const C = ids.length;
  const n = sheets.length;
  const proposalIds: string[] = [];
  const judgeIds: string[] = [];
  const groupIds: string[] = [];
  const pIndex = new Map<string, number>();
  const jIndex = new Map<string, number>();
  const gIndex = new Map<string, number>();
  const intern = (m: Map<string, number>, list: string[], id: string): number => {
    let k = m.get(id);
    if (k === undefined) {
      k = list.length;
      list.push(id);
      m.set(id, k);
    }
    return k;
  };
  const proposal = new Int32Array(n);
  const judge = new Int32Array(n);
  const group = new Int32Array(n);
  const scores = new Int32Array(n * C);
  const sheetFlags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const s = sheets[i];
    proposal[i] = intern(pIndex, proposalIds, s.proposalId);
    judge[i] = intern(jIndex, judgeIds, s.judgeId);
    group[i] = s.group === undefined ? -1 : intern(gIndex, groupIds, s.group);
    let f = s.recused ? SHEET_RECUSED : 0;
    let keys = 0;
    for (const key in s.scores) if (Object.prototype.hasOwnProperty.call(s.scores, key)) keys++;
    if (keys !== C) f |= SHEET_UNKNOWN_CRITERION;
    sheetFlags[i] = f;
    for (let c = 0; c < C; c++) {
      const v = s.scores[ids[c]];
      scores[i * C + c] =
        v === null
          ? PACKED_NA
          : v === undefined
            ? PACKED_MISSING
            : Number.isInteger(v) && v >= 0 && v <= 0x7fffffff
              ? v
              : PACKED_INVALID;
    }
  }
  return { proposalIds, judgeIds, proposal, judge, scores, group, groupIds, sheetFlags };
}
