import { add, compare, div, fromInt, mul, toFixed, toString, type Rational } from '@gv/rational';
import { fracToRational, mean, median, spread, trimmedMean, valueOf, type Aggregated, type Item } from './aggregate-methods';
import { ScoringInputError } from './scoring-errors';
import type { DroppedSheet, Explained, JudgeSheet, ProposalScore, Rubric, ScoringConfig, ScoringResult, UsedSheet } from './scoring-types';
import { compileRubric, scoreSheet, type Frac } from './sheet-score';
import { buildZscoreModel, floorToScale, normalise, type ZscoreModel } from './zscore';

/** A used sheet whose exact score is built on first read (keeps 500k-sheet calls fast). */
class LazyUsedSheet implements UsedSheet {
  private cached?: Rational;
  constructor(
    readonly judgeId: string,
    readonly group: string | undefined,
    private readonly frac: Frac,
    readonly answered: number,
    readonly normalised: Rational | undefined,
  ) {}

  get score(): Rational {
    this.cached ??= fracToRational(this.frac);
    return this.cached;
  }
}

interface ValidSheet {
  readonly judgeId: string;
  readonly group?: string;
  readonly frac: Frac;
  readonly answered: number;
}

function aggregateGroup(items: readonly Item[], config: ScoringConfig): Aggregated {
  switch (config.method) {
    case 'trimmed_mean':
      return trimmedMean(items, config.trimMinSheets ?? 5);
    case 'median':
      return { score: median(items), dropped: [], flags: [], steps: [{ code: 'median', params: { sheets: items.length } }] };
    case 'mean':
    case 'zscore':
      return { score: mean(items), dropped: [], flags: [], steps: [{ code: 'mean', params: { sheets: items.length } }] };
  }
}

/**
 * Aggregates judge sheets into one exact score per proposal (评审计分): N/A renormalised sheet
 * scores on 0–100, then mean / trimmed mean / median / z-score, weighted panel groups, an
 * optional public-vote component, divergence flags, and a structured explanation.
 * Output is sorted by proposal id and does not depend on the input order.
 */
export function aggregateScores(rubric: Rubric, sheets: readonly JudgeSheet[], config: ScoringConfig): ScoringResult {
  const compiled = compileRubric(rubric);
  const groupWeights = new Map((config.groups ?? []).map((g) => [g.id, g.weight]));
  for (const [g, w] of groupWeights) if (!(w >= 0)) throw new ScoringInputError(`group ${g}: bad weight`);
  const valid = new Map<string, ValidSheet[]>();
  const dropped = new Map<string, DroppedSheet[]>();
  const byJudge = new Map<string, Frac[]>();
  // group by proposal, then judges in id order (stable: a duplicate keeps its input order)
  const grouped = new Map<string, JudgeSheet[]>();
  for (const id of config.proposalIds ?? []) if (!grouped.has(id)) grouped.set(id, []);
  for (const sheet of sheets) {
    const g = grouped.get(sheet.proposalId);
    if (g) g.push(sheet);
    else grouped.set(sheet.proposalId, [sheet]);
  }
  for (const [proposalId, group] of grouped) {
    group.sort((a, b) => (a.judgeId < b.judgeId ? -1 : a.judgeId > b.judgeId ? 1 : 0));
    const list: ValidSheet[] = [];
    const drops: DroppedSheet[] = [];
    const seen = new Set<string>();
    valid.set(proposalId, list);
    dropped.set(proposalId, drops);
    for (const sheet of group) {
      if (seen.has(sheet.judgeId)) {
        drops.push({ judgeId: sheet.judgeId, reason: 'duplicate_sheet' });
        continue;
      }
      seen.add(sheet.judgeId);
      if (groupWeights.size > 0 && (sheet.group === undefined || !groupWeights.has(sheet.group))) {
        drops.push({ judgeId: sheet.judgeId, reason: 'unknown_group' });
        continue;
      }
      const out = scoreSheet(compiled, sheet);
      if (!out.ok) {
        drops.push({ judgeId: sheet.judgeId, reason: out.reason });
        continue;
      }
      list.push(sheet.group !== undefined ? { judgeId: sheet.judgeId, frac: out.frac, answered: out.answered, group: sheet.group } : { judgeId: sheet.judgeId, frac: out.frac, answered: out.answered });
      if (config.method === 'zscore') {
        const mine = byJudge.get(sheet.judgeId);
        if (mine) mine.push(out.frac);
        else byJudge.set(sheet.judgeId, [out.frac]);
      }
    }
  }
  const model = config.method === 'zscore' ? buildZscoreModel(byJudge, config.zscoreMinSheets ?? 3) : undefined;
  const proposals = [...valid.keys()].sort().map((id) => scoreProposal(id, valid.get(id) ?? [], dropped.get(id) ?? [], config, compiled.ids.length, model));
  return { method: config.method, proposals, notes: model ? model.notes : [] };
}

function scoreProposal(
  proposalId: string,
  sheets: readonly ValidSheet[],
  droppedIn: readonly DroppedSheet[],
  config: ScoringConfig,
  criteria: number,
  model: ZscoreModel | undefined,
): ProposalScore {
  const flags: Explained[] = [];
  const steps: Explained[] = [{ code: 'sheets_counted', params: { valid: sheets.length, dropped: droppedIn.length } }];
  const dropped: DroppedSheet[] = [...droppedIn];
  if (sheets.some((s) => s.answered < criteria)) {
    steps.push({ code: 'na_renormalised', params: { sheets: sheets.filter((s) => s.answered < criteria).length } });
  }
  if (sheets.length === 0) {
    flags.push({ code: 'no_valid_sheets' });
    return { proposalId, score: null, display: '—', used: [], dropped, flags, steps };
  }
  const passThrough = new Map<string, string>();
  const items: (Item & { group?: string })[] = sheets.map((s) => {
    if (!model) return s;
    const n = normalise(model, s.judgeId, valueOf({ judgeId: s.judgeId, frac: s.frac }));
    if (n.passThrough) passThrough.set(s.judgeId, n.passThrough);
    return { judgeId: s.judgeId, value: n.value, ...(s.group !== undefined ? { group: s.group } : {}) };
  });
  if (model) {
    steps.push({ code: 'zscore_normalised', params: { sheets: items.length } });
    for (const [judge, reason] of passThrough) flags.push({ code: reason, params: { judge } });
  }
  const groupIds = config.groups && config.groups.length > 0 ? config.groups.map((g) => g.id) : [undefined];
  let weighted = fromInt(0);
  let weightSum = fromInt(0);
  for (const g of groupIds) {
    const inGroup = g === undefined ? items : items.filter((it) => it.group === g);
    const w = g === undefined ? 1 : (config.groups!.find((x) => x.id === g)!.weight);
    if (inGroup.length === 0) {
      flags.push({ code: 'group_missing', params: { group: g ?? '' } });
      continue;
    }
    const agg = aggregateGroup(inGroup, config);
    flags.push(...agg.flags);
    steps.push(...agg.steps.map((s) => (g === undefined ? s : { code: s.code, params: { ...s.params, group: g } })));
    for (const d of agg.dropped) {
      const sheet = inGroup.find((it) => it.judgeId === d.judgeId);
      dropped.push({ judgeId: d.judgeId, reason: d.reason, ...(sheet ? { score: valueOf(sheet) } : {}) });
    }
    if (g !== undefined) steps.push({ code: 'group_score', params: { group: g, score: toFixed(agg.score, 6), weight: w } });
    weighted = add(weighted, mul(agg.score, fromInt(w)));
    weightSum = add(weightSum, fromInt(w));
  }
  let score = weightSum.num === 0n ? fromInt(0) : div(weighted, weightSum);
  if (config.groups && config.groups.length > 0) steps.push({ code: 'panel_weighted', params: { score: toFixed(score, 6) } });
  if (config.publicVote) {
    const pub = config.publicVote.scores[proposalId];
    if (pub === undefined) flags.push({ code: 'public_vote_missing' });
    else {
      const { panelWeight, publicWeight } = config.publicVote;
      score = div(add(mul(score, fromInt(panelWeight)), mul(pub, fromInt(publicWeight))), fromInt(panelWeight + publicWeight));
      steps.push({ code: 'public_vote_combined', params: { public: toFixed(pub, 6), panel_weight: panelWeight, public_weight: publicWeight } });
    }
  }
  if (model) {
    score = floorToScale(score);
    flags.push({ code: 'approximate_sqrt', params: { precision: '1e-6' } });
  }
  if (config.divergenceThreshold) {
    const range = spread(sheets.map((s) => ({ judgeId: s.judgeId, frac: s.frac })));
    if (compare(range, config.divergenceThreshold) > 0) {
      flags.push({ code: 'divergent_scores', params: { spread: toFixed(range, 2), threshold: toString(config.divergenceThreshold) } });
    }
  }
  const droppedIds = new Set(dropped.map((d) => d.judgeId));
  const used: UsedSheet[] = [];
  sheets.forEach((s, i) => {
    if (droppedIds.has(s.judgeId)) return;
    used.push(new LazyUsedSheet(s.judgeId, s.group, s.frac, s.answered, model ? valueOf(items[i]) : undefined));
  });
  steps.push({ code: 'final_score', params: { score: toString(score), display: toFixed(score, 2) } });
  return { proposalId, score, display: toFixed(score, 2), used, dropped, flags, steps };
}
