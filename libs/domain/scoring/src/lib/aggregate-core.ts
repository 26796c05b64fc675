import { add, compare, div, fromInt, mul, toFixed, toString, type Rational } from '@gv/rational';
import {
  fracToRational,
  mean,
  median,
  spread,
  trimmedMean,
  valueOf,
  type Aggregated,
  type Item,
} from './aggregate-methods';
import type {
  DroppedSheet,
  Explained,
  ProposalScore,
  ScoringConfig,
  UsedSheet,
} from './scoring-types';
import type { Frac } from './sheet-score';
import { floorToScale, normalise, type ZscoreModel } from './zscore';

// Internal: shared by aggregateScores (object sheets) and aggregatePacked (columnar sheets).
// Not exported from the package index.

/** A used sheet whose exact score is built on first read (keeps 500k-sheet calls fast). */
export class LazyUsedSheet implements UsedSheet {
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

export interface ValidSheet {
  readonly judgeId: string;
  readonly group?: string;
  readonly frac: Frac;
  readonly answered: number;
}

export function aggregateGroup(items: readonly Item[], config: ScoringConfig): Aggregated {
  switch (config.method) {
    case 'trimmed_mean':
      return trimmedMean(items, config.trimMinSheets ?? 5);
    case 'median':
      return {
        score: median(items),
        dropped: [],
        flags: [],
        steps: [{ code: 'median', params: { sheets: items.length } }],
      };
    case 'mean':
    case 'zscore':
      return {
        score: mean(items),
        dropped: [],
        flags: [],
        steps: [{ code: 'mean', params: { sheets: items.length } }],
      };
  }
}

export function scoreProposal(
  proposalId: string,
  sheets: readonly ValidSheet[],
  droppedIn: readonly DroppedSheet[],
  config: ScoringConfig,
  criteria: number,
  model: ZscoreModel | undefined,
): ProposalScore {
  const flags: Explained[] = [];
  const steps: Explained[] = [
    { code: 'sheets_counted', params: { valid: sheets.length, dropped: droppedIn.length } },
  ];
  const dropped: DroppedSheet[] = [...droppedIn];
  if (sheets.some((s) => s.answered < criteria)) {
    steps.push({
      code: 'na_renormalised',
      params: { sheets: sheets.filter((s) => s.answered < criteria).length },
    });
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
    return {
      judgeId: s.judgeId,
      value: n.value,
      ...(s.group !== undefined ? { group: s.group } : {}),
    };
  });
  if (model) {
    steps.push({ code: 'zscore_normalised', params: { sheets: items.length } });
    for (const [judge, reason] of passThrough) flags.push({ code: reason, params: { judge } });
  }
  const groupIds =
    config.groups && config.groups.length > 0 ? config.groups.map((g) => g.id) : [undefined];
  let weighted = fromInt(0);
  let weightSum = fromInt(0);
  for (const g of groupIds) {
    const inGroup = g === undefined ? items : items.filter((it) => it.group === g);
    const w = g === undefined ? 1 : config.groups!.find((x) => x.id === g)!.weight;
    if (inGroup.length === 0) {
      flags.push({ code: 'group_missing', params: { group: g ?? '' } });
      continue;
    }
    const agg = aggregateGroup(inGroup, config);
    flags.push(...agg.flags);
    steps.push(
      ...agg.steps.map((s) =>
        g === undefined ? s : { code: s.code, params: { ...s.params, group: g } },
      ),
    );
    for (const d of agg.dropped) {
      const sheet = inGroup.find((it) => it.judgeId === d.judgeId);
      dropped.push({
        judgeId: d.judgeId,
        reason: d.reason,
        ...(sheet ? { score: valueOf(sheet) } : {}),
      });
    }
    if (g !== undefined)
      steps.push({
        code: 'group_score',
        params: { group: g, score: toFixed(agg.score, 6), weight: w },
      });
    weighted = add(weighted, mul(agg.score, fromInt(w)));
    weightSum = add(weightSum, fromInt(w));
  }
  let score = weightSum.num === 0n ? fromInt(0) : div(weighted, weightSum);
  if (config.groups && config.groups.length > 0)
    steps.push({ code: 'panel_weighted', params: { score: toFixed(score, 6) } });
  if (config.publicVote) {
    const pub = config.publicVote.scores[proposalId];
    if (pub === undefined) flags.push({ code: 'public_vote_missing' });
    else {
      const { panelWeight, publicWeight } = config.publicVote;
      score = div(
        add(mul(score, fromInt(panelWeight)), mul(pub, fromInt(publicWeight))),
        fromInt(panelWeight + publicWeight),
      );
      steps.push({
        code: 'public_vote_combined',
        params: { public: toFixed(pub, 6), panel_weight: panelWeight, public_weight: publicWeight },
      });
    }
  }
  if (model) {
    score = floorToScale(score);
    flags.push({ code: 'approximate_sqrt', params: { precision: '1e-6' } });
  }
  if (config.divergenceThreshold) {
    const range = spread(sheets.map((s) => ({ judgeId: s.judgeId, frac: s.frac })));
    if (compare(range, config.divergenceThreshold) > 0) {
      flags.push({
        code: 'divergent_scores',
        params: { spread: toFixed(range, 2), threshold: toString(config.divergenceThreshold) },
      });
    }
  }
  const droppedIds = new Set(dropped.map((d) => d.judgeId));
  const used: UsedSheet[] = [];
  sheets.forEach((s, i) => {
    if (droppedIds.has(s.judgeId)) return;
    used.push(
      new LazyUsedSheet(
        s.judgeId,
        s.group,
        s.frac,
        s.answered,
        model ? valueOf(items[i]) : undefined,
      ),
    );
  });
  steps.push({
    code: 'final_score',
    params: { score: toString(score), display: toFixed(score, 2) },
  });
  return { proposalId, score, display: toFixed(score, 2), used, dropped, flags, steps };
}
