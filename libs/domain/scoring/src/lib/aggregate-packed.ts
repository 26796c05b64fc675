import { add, div, eq, fromInt, mul, toFixed, type Rational } from '@gv/rational';
import { fracToRational } from './aggregate-methods';
import { scoreProposal, type ValidSheet } from './aggregate-core';
import {
  PACKED_MISSING,
  PACKED_NA,
  SHEET_RECUSED,
  SHEET_UNKNOWN_CRITERION,
  type PackedSheets,
} from './packed-sheets';
import { ScoringInputError } from './scoring-errors';
import type {
  DroppedSheet,
  Explained,
  ProposalScore,
  Rubric,
  ScoringConfig,
  ScoringResult,
  UsedSheet,
} from './scoring-types';
import { compileRubric, type CompiledRubric, type Frac } from './sheet-score';
import { buildZscoreModel, type ZscoreModel } from './zscore';

/** Per-sheet status codes; 0 = valid. Index = code, value = drop reason. */
const REASONS = [
  '',
  'duplicate_sheet',
  'unknown_group',
  'recused',
  'missing_criterion',
  'invalid_score',
  'unknown_criterion',
  'all_not_applicable',
] as const;
const DUPLICATE = 1;
const UNKNOWN_GROUP = 2;
const RECUSED = 3;
const MISSING = 4;
const INVALID = 5;
const UNKNOWN_CRITERION = 6;
const ALL_NA = 7;

function gcdN(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

function checkPacked(packed: PackedSheets, criteria: number): void {
  const n = packed.proposal.length;
  if (packed.judge.length !== n)
    throw new ScoringInputError('packed sheets: judge column length differs');
  if (packed.scores.length !== n * criteria)
    throw new ScoringInputError(
      `packed sheets: expected ${n * criteria} scores, got ${packed.scores.length}`,
    );
  if (packed.group && packed.group.length !== n)
    throw new ScoringInputError('packed sheets: group column length differs');
  if (packed.sheetFlags && packed.sheetFlags.length !== n)
    throw new ScoringInputError('packed sheets: sheetFlags column length differs');
  const P = packed.proposalIds.length;
  const J = packed.judgeIds.length;
  const G = packed.groupIds?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const p = packed.proposal[i];
    const j = packed.judge[i];
    if (!(p >= 0 && p < P))
      throw new ScoringInputError(`packed sheet ${i}: proposal index out of range`);
    if (!(j >= 0 && j < J))
      throw new ScoringInputError(`packed sheet ${i}: judge index out of range`);
    if (packed.group && !(packed.group[i] >= -1 && packed.group[i] < G))
      throw new ScoringInputError(`packed sheet ${i}: group index out of range`);
  }
}

/** Distinct ids sorted (UTF-16 order, as `Array.prototype.sort`), and the rank of each input index. */
function rankIds(ids: readonly string[]): { sorted: string[]; rank: Int32Array } {
  const distinct = new Map<string, number>();
  for (const id of ids) distinct.set(id, 0);
  const sorted = [...distinct.keys()].sort();
  for (let r = 0; r < sorted.length; r++) distinct.set(sorted[r], r);
  const rank = new Int32Array(ids.length);
  for (let i = 0; i < ids.length; i++) rank[i] = distinct.get(ids[i]) ?? -1;
  return { sorted, rank };
}

/** Shared state of one packed aggregation; proposal results read from it lazily. */
class PackedContext {
  constructor(
    readonly packed: PackedSheets,
    readonly compiled: CompiledRubric,
    readonly config: ScoringConfig,
    readonly model: ZscoreModel | undefined,
    /** Sheet indices, grouped by proposal slot, within a slot by judge id then input order. */
    readonly order: Int32Array,
    readonly slotStart: Int32Array,
    readonly status: Uint8Array,
    /** Valid sheet score = n / (L * w), exact integers. */
    readonly n: Float64Array,
    readonly w: Float64Array,
    readonly answered: Int32Array,
  ) {}

  /** The sheets of one proposal as the reference implementation sees them. */
  sheets(slot: number): { valid: ValidSheet[]; dropped: DroppedSheet[] } {
    const { packed, order, status } = this;
    const valid: ValidSheet[] = [];
    const dropped: DroppedSheet[] = [];
    for (let k = this.slotStart[slot]; k < this.slotStart[slot + 1]; k++) {
      const i = order[k];
      const judgeId = packed.judgeIds[packed.judge[i]];
      if (status[i] !== 0) {
        dropped.push({ judgeId, reason: REASONS[status[i]] });
        continue;
      }
      const g = packed.group ? packed.group[i] : -1;
      const frac: Frac = { n: this.n[i], d: this.compiled.L * this.w[i] };
      valid.push(
        g >= 0
          ? { judgeId, frac, answered: this.answered[i], group: packed.groupIds?.[g] ?? '' }
          : { judgeId, frac, answered: this.answered[i] },
      );
    }
    return { valid, dropped };
  }

  /** Full result (explanation included) for one proposal, by the reference implementation. */
  explain(slot: number, proposalId: string): ProposalScore {
    const { valid, dropped } = this.sheets(slot);
    return scoreProposal(
      proposalId,
      valid,
      dropped,
      this.config,
      this.compiled.ids.length,
      this.model,
    );
  }
}

/**
 * One proposal's result from {@link aggregatePacked}: the exact score is computed eagerly; the
 * explanation (used and dropped sheets, flags, steps) is built on first read, from the same
 * packed sheets, by the same code as {@link aggregateScores}.
 */
class PackedProposalScore implements ProposalScore {
  private detail: ProposalScore | undefined;
  private shown: string | undefined;

  constructor(
    readonly proposalId: string,
    readonly score: Rational | null,
    private readonly ctx: PackedContext,
    private readonly slot: number,
    detail?: ProposalScore,
  ) {
    this.detail = detail;
  }

  /** The explained result; checks that the fast score equals the reference score. */
  explain(): ProposalScore {
    if (!this.detail) {
      const d = this.ctx.explain(this.slot, this.proposalId);
      if (
        d.score === null ? this.score !== null : this.score === null || !eq(d.score, this.score)
      ) {
        throw new Error(`internal: packed score differs from the reference for ${this.proposalId}`);
      }
      this.detail = d;
    }
    return this.detail;
  }

  get display(): string {
    this.shown ??= this.score === null ? '—' : toFixed(this.score, 2);
    return this.shown;
  }

  get used(): readonly UsedSheet[] {
    return this.explain().used;
  }

  get dropped(): readonly DroppedSheet[] {
    return this.explain().dropped;
  }

  get flags(): readonly Explained[] {
    return this.explain().flags;
  }

  get steps(): readonly Explained[] {
    return this.explain().steps;
  }

  toJSON(): ProposalScore {
    const d = this.explain();
    return {
      proposalId: this.proposalId,
      score: this.score,
      display: this.display,
      used: d.used,
      dropped: d.dropped,
      flags: d.flags,
      steps: d.steps,
    };
  }
}

/**
 * {@link aggregateScores} on columnar sheets ({@link PackedSheets}, see `packSheets`): the same
 * exact results — score, used and dropped sheets, flags, steps, notes — without a per-sheet object
 * on the hot path. Sheet scores stay integer fractions; mean, trimmed mean and median of a
 * proposal are taken over one common denominator in safe integers (exact; a proposal that would
 * leave the safe-integer range, and z-score or panel-group calls, use the bigint reference code).
 * Each proposal's explanation is built when first read (`used`, `dropped`, `flags`, `steps`).
 */
export function aggregatePacked(
  rubric: Rubric,
  packed: PackedSheets,
  config: ScoringConfig,
): ScoringResult {
  const compiled = compileRubric(rubric);
  const C = compiled.ids.length;
  checkPacked(packed, C);
  const groupWeights = new Map((config.groups ?? []).map((g) => [g.id, g.weight]));
  for (const [g, w] of groupWeights)
    if (!(w >= 0)) throw new ScoringInputError(`group ${g}: bad weight`);
  const N = packed.proposal.length;

  // proposal slots: every proposal with a sheet, and config.proposalIds; sorted by id
  const referenced = new Uint8Array(packed.proposalIds.length);
  for (let i = 0; i < N; i++) referenced[packed.proposal[i]] = 1;
  const slotIds = new Set<string>(config.proposalIds ?? []);
  for (let p = 0; p < referenced.length; p++) if (referenced[p]) slotIds.add(packed.proposalIds[p]);
  const ids = [...slotIds].sort();
  const slotOf = new Map<string, number>();
  ids.forEach((id, s) => slotOf.set(id, s));
  const pSlot = new Int32Array(packed.proposalIds.length).fill(-1);
  for (let p = 0; p < referenced.length; p++)
    if (referenced[p]) pSlot[p] = slotOf.get(packed.proposalIds[p]) ?? -1;
  const S = ids.length;
  const jr = rankIds(packed.judgeIds);
  const J = jr.sorted.length;

  const { order, slotStart } = groupBySlot(packed, pSlot, jr.rank, J, S);
  const status = new Uint8Array(N);
  const nArr = new Float64Array(N);
  const wArr = new Float64Array(N);
  const answeredArr = new Int32Array(N);
  const groupOk = new Uint8Array(packed.groupIds?.length ?? 0);
  if (packed.groupIds)
    for (let g = 0; g < groupOk.length; g++)
      groupOk[g] = groupWeights.has(packed.groupIds[g]) ? 1 : 0;
  scoreAll(
    packed,
    compiled,
    order,
    slotStart,
    jr.rank,
    groupWeights.size > 0 ? groupOk : undefined,
    status,
    nArr,
    wArr,
    answeredArr,
  );
  const judge = packed.judge;

  let model: ZscoreModel | undefined;
  if (config.method === 'zscore') {
    const perJudge = new Map<string, Frac[]>();
    for (let k = 0; k < N; k++) {
      const i = order[k];
      if (status[i] !== 0) continue;
      const id = packed.judgeIds[judge[i]];
      const frac = { n: nArr[i], d: compiled.L * wArr[i] };
      const mine = perJudge.get(id);
      if (mine) mine.push(frac);
      else perJudge.set(id, [frac]);
    }
    model = buildZscoreModel(perJudge, config.zscoreMinSheets ?? 3);
  }

  const ctx = new PackedContext(
    packed,
    compiled,
    config,
    model,
    order,
    slotStart,
    status,
    nArr,
    wArr,
    answeredArr,
  );
  const fast = !model && !(config.groups && config.groups.length > 0);
  let widest = 0;
  for (let s = 0; s < S; s++) widest = Math.max(widest, slotStart[s + 1] - slotStart[s]);
  const scratch = new Float64Array(widest);
  const proposals: ProposalScore[] = new Array(S);
  for (let s = 0; s < S; s++) {
    const score = fast ? fastScore(ctx, s, ids[s], scratch) : undefined;
    if (score === undefined) {
      // reference path (z-score, panel groups, or beyond safe integers)
      const d = ctx.explain(s, ids[s]);
      proposals[s] = new PackedProposalScore(ids[s], d.score, ctx, s, d);
    } else proposals[s] = new PackedProposalScore(ids[s], score, ctx, s);
  }
  return { method: config.method, proposals, notes: model ? model.notes : [] };
}

/**
 * Sheet indices grouped by proposal slot (slots in id order), within a slot by judge id, then
 * input order: two stable counting sorts, O(sheets + proposals + judges).
 */
function groupBySlot(
  packed: PackedSheets,
  pSlot: Int32Array,
  judgeRank: Int32Array,
  J: number,
  S: number,
): { order: Int32Array; slotStart: Int32Array } {
  const N = packed.proposal.length;
  const { proposal, judge } = packed;
  const byJudge = new Int32Array(N);
  const start = new Int32Array(J + 1);
  for (let i = 0; i < N; i++) start[judgeRank[judge[i]] + 1]++;
  for (let r = 0; r < J; r++) start[r + 1] += start[r];
  for (let i = 0; i < N; i++) byJudge[start[judgeRank[judge[i]]]++] = i;
  const order = new Int32Array(N);
  const slotStart = new Int32Array(S + 1);
  for (let i = 0; i < N; i++) slotStart[pSlot[proposal[i]] + 1]++;
  for (let s = 0; s < S; s++) slotStart[s + 1] += slotStart[s];
  const next = slotStart.slice(0, S);
  for (let k = 0; k < N; k++) {
    const i = byJudge[k];
    order[next[pSlot[proposal[i]]]++] = i;
  }
  return { order, slotStart };
}

const NA: number = PACKED_NA;
const ABSENT: number = PACKED_MISSING;

/**
 * Scores every sheet as the integer fraction n / (L * w) (N/A renormalised), or records why it
 * is dropped — the checks and their order are those of `aggregateScores` / `scoreSheet`.
 * `groupOk` (when panel groups are configured): which group indices have a weight.
 */
function scoreAll(
  packed: PackedSheets,
  compiled: CompiledRubric,
  order: Int32Array,
  slotStart: Int32Array,
  judgeRank: Int32Array,
  groupOk: Uint8Array | undefined,
  status: Uint8Array,
  nArr: Float64Array,
  wArr: Float64Array,
  answeredArr: Int32Array,
): void {
  const { scores, judge, group, sheetFlags } = packed;
  const C = compiled.ids.length;
  const factor = Float64Array.from(compiled.factor);
  const weight = Float64Array.from(compiled.weight);
  const max = Float64Array.from(compiled.max);
  const S = slotStart.length - 1;
  for (let s = 0; s < S; s++) {
    let prevJudge = -1;
    const end = slotStart[s + 1];
    for (let k = slotStart[s]; k < end; k++) {
      const i = order[k];
      const r = judgeRank[judge[i]];
      if (r === prevJudge) {
        status[i] = DUPLICATE;
        continue;
      }
      prevJudge = r;
      if (groupOk) {
        const g = group ? group[i] : -1;
        if (g < 0 || !groupOk[g]) {
          status[i] = UNKNOWN_GROUP;
          continue;
        }
      }
      const f = sheetFlags ? sheetFlags[i] : 0;
      if (f & SHEET_RECUSED) {
        status[i] = RECUSED;
        continue;
      }
      let n = 0;
      let w = 0;
      let answered = 0;
      let bad = 0;
      const base = i * C;
      for (let c = 0; c < C; c++) {
        const v = scores[base + c];
        if (v === NA) continue;
        if (v === ABSENT) {
          bad = MISSING;
          break;
        }
        if (v < 0 || v > max[c]) {
          bad = INVALID;
          break;
        }
        n += factor[c] * v;
        w += weight[c];
        answered++;
      }
      if (bad === 0 && f & SHEET_UNKNOWN_CRITERION) bad = UNKNOWN_CRITERION;
      if (bad === 0 && answered === 0) bad = ALL_NA;
      status[i] = bad;
      nArr[i] = n;
      wArr[i] = w;
      answeredArr[i] = answered;
    }
  }
}

/**
 * Exact score of one proposal on the safe-integer path (no panel groups, no z-score), or
 * undefined when the reference path must decide (values past safe integers, degenerate trims).
 */
function fastScore(
  ctx: PackedContext,
  slot: number,
  proposalId: string,
  scaled: Float64Array,
): Rational | null | undefined {
  const { order, status, n, w, config } = ctx;
  const L = ctx.compiled.L;
  const from = ctx.slotStart[slot];
  const to = ctx.slotStart[slot + 1];
  // common denominator D = lcm of the sheets' denominators L * w
  let D = 1;
  let k = 0;
  for (let q = from; q < to; q++) {
    const i = order[q];
    if (status[i] !== 0) continue;
    const d = L * w[i];
    if (D % d !== 0) {
      D = (D / gcdN(D, d)) * d;
      if (!Number.isSafeInteger(D)) return undefined;
    }
    k++;
  }
  if (k === 0) return null;
  // scaled values in judge order: value = scaled / D
  let sum = 0;
  let lo = 0;
  let hi = 0;
  k = 0;
  for (let q = from; q < to; q++) {
    const i = order[q];
    if (status[i] !== 0) continue;
    const v = n[i] * (D / (L * w[i]));
    scaled[k] = v;
    sum += v;
    if (v < scaled[lo]) lo = k; // lowest: the first (smallest judge id) among equals
    if (v >= scaled[hi]) hi = k; // highest: the last (largest judge id) among equals
    k++;
  }
  if (!Number.isSafeInteger(sum)) return undefined;
  let num: number;
  let den: number;
  switch (config.method) {
    case 'mean':
      num = sum;
      den = D * k;
      break;
    case 'trimmed_mean':
      if (k < (config.trimMinSheets ?? 5)) {
        num = sum;
        den = D * k;
      } else {
        if (k < 3) return undefined;
        num = sum - scaled[lo] - scaled[hi];
        den = D * (k - 2);
      }
      break;
    case 'median': {
      const s = Array.from(scaled.subarray(0, k)).sort((a, b) => a - b);
      const m = k >> 1;
      if (k % 2 === 1) {
        num = s[m];
        den = D;
      } else {
        num = s[m - 1] + s[m];
        den = 2 * D;
      }
      break;
    }
    default:
      return undefined;
  }
  if (!Number.isSafeInteger(den)) return undefined;
  let score = fracToRational({ n: num, d: den });
  if (config.publicVote) {
    const pub = config.publicVote.scores[proposalId];
    if (pub !== undefined) {
      const { panelWeight, publicWeight } = config.publicVote;
      score = div(
        add(mul(score, fromInt(panelWeight)), mul(pub, fromInt(publicWeight))),
        fromInt(panelWeight + publicWeight),
      );
    }
  }
  return score;
}
