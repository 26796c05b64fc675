import { ScoringInputError } from './scoring-errors';
import type {
  DroppedSheet,
  JudgeSheet,
  Rubric,
  ScoringConfig,
  ScoringResult,
} from './scoring-types';
import { compileRubric, scoreSheet, type Frac } from './sheet-score';
import { buildZscoreModel } from './zscore';
import { scoreProposal, type ValidSheet } from './aggregate-core';

/**
 * Aggregates judge sheets into one exact score per proposal (评审计分): N/A renormalised sheet
 * scores on 0–100, then mean / trimmed mean / median / z-score, weighted panel groups, an
 * optional public-vote component, divergence flags, and a structured explanation.
 * Output is sorted by proposal id and does not depend on the input order.
 */
export function aggregateScores(
  rubric: Rubric,
  sheets: readonly JudgeSheet[],
  config: ScoringConfig,
): ScoringResult {
  const compiled = compileRubric(rubric);
  const groupWeights = new Map((config.groups ?? []).map((g) => [g.id, g.weight]));
  for (const [g, w] of groupWeights)
    if (!(w >= 0)) throw new ScoringInputError(`group ${g}: bad weight`);
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
      list.push(
        sheet.group !== undefined
          ? { judgeId: sheet.judgeId, frac: out.frac, answered: out.answered, group: sheet.group }
          : { judgeId: sheet.judgeId, frac: out.frac, answered: out.answered },
      );
      if (config.method === 'zscore') {
        const mine = byJudge.get(sheet.judgeId);
        if (mine) mine.push(out.frac);
        else byJudge.set(sheet.judgeId, [out.frac]);
      }
    }
  }
  const model =
    config.method === 'zscore' ? buildZscoreModel(byJudge, config.zscoreMinSheets ?? 3) : undefined;
  const proposals = [...valid.keys()]
    .sort()
    .map((id) =>
      scoreProposal(
        id,
        valid.get(id) ?? [],
        dropped.get(id) ?? [],
        config,
        compiled.ids.length,
        model,
      ),
    );
  return { method: config.method, proposals, notes: model ? model.notes : [] };
}
