import { fenToYuan, FieldError } from '@gv/core';

/** What a proposal must have to be submitted (its working copy, or a form about to be saved). */
export interface SubmissionContent {
  title?: string | null;
  summary?: string | null;
  objectives?: string | null;
  activities?: string | null;
  team?: string | null;
  communities: number;
  beneficiaryGroups: number;
  beneficiaryCount?: number | null;
  budgetLines: number;
  milestones: number;
  totalFen: number;
}

export interface SubmissionProblem {
  code: 'proposal_incomplete' | 'budget_above_max' | 'budget_below_min';
  params: Record<string, string>;
  fields: FieldError[];
}

/**
 * Why the content cannot be submitted to a call with these grant limits, if at all: the fields still
 * empty, else the total outside the per-project range (amounts as `35,000.00`). Pure: the service checks
 * it under its locks, the page before it saves anything.
 */
export function submissionProblem(
  c: SubmissionContent,
  call: { minGrantFen: number; maxGrantFen: number },
): SubmissionProblem | undefined {
  const fields: FieldError[] = [];
  const need = (ok: unknown, field: string) => {
    if (!ok) fields.push({ field, code: 'required_for_submission' });
  };
  need(c.title?.trim(), 'title');
  need(c.summary?.trim(), 'summary');
  need(c.objectives?.trim(), 'objectives');
  need(c.activities?.trim(), 'activities');
  need(c.team?.trim(), 'team');
  need(c.communities, 'communityIds');
  need(c.beneficiaryGroups, 'beneficiaryGroups');
  need((c.beneficiaryCount ?? 0) > 0, 'beneficiaryCount');
  need(c.budgetLines, 'budgetLines');
  need(c.milestones, 'milestones');
  if (fields.length) return { code: 'proposal_incomplete', params: {}, fields };
  const total = fenToYuan(c.totalFen);
  if (c.totalFen > call.maxGrantFen)
    return {
      code: 'budget_above_max',
      params: { max: fenToYuan(call.maxGrantFen), total },
      fields: [{ field: 'budgetLines', code: 'budget_above_max' }],
    };
  if (c.totalFen < call.minGrantFen)
    return {
      code: 'budget_below_min',
      params: { min: fenToYuan(call.minGrantFen), total },
      fields: [{ field: 'budgetLines', code: 'budget_below_min' }],
    };
  return undefined;
}
