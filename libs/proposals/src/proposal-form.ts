import { fenToYuan, yuanToFen } from '@gv/core';
import { computeBudget } from './budget.util';
import { ProposalDetail } from './proposal-query.service';

/**
 * The proposal form as the page posts it (money in yuan, rows as `lines[i][field]`), and its
 * conversion into the API's ProposalContentDto shape (money in fen). Business rules stay in
 * ProposalsService; this only translates between the two representations.
 */
export interface LineRow {
  category: string;
  item: string;
  unitPrice: string;
  quantity: string;
  subtotal?: string;
  errors: Record<string, string>;
}
export interface MilestoneRow {
  title: string;
  dueOn: string;
  deliverable: string;
  errors: Record<string, string>;
}
export interface ProposalForm {
  title: string;
  track: string;
  communityIds: string[];
  needId: string;
  beneficiaryGroups: string[];
  beneficiaryCount: string;
  summary: string;
  objectives: string;
  activities: string;
  team: string;
  coFunding: string;
  lines: LineRow[];
  milestones: MilestoneRow[];
}

/** Empty rows offered below the filled ones; "add rows" offers this many more. */
export const EMPTY_ROWS = 3;
export const ADD_ROWS = 5;
/** Preference selects for host communities. */
export const COMMUNITY_CHOICES = 3;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] =>
  Array.isArray(v)
    ? v
    : v && typeof v === 'object'
      ? Object.keys(v)
          .sort((a, b) => Number(a) - Number(b))
          .map((k) => (v as Record<string, unknown>)[k])
      : [];
const strings = (v: unknown) =>
  typeof v === 'string' ? [v] : list(v).filter((x): x is string => typeof x === 'string');

export function emptyLine(): LineRow {
  return { category: '', item: '', unitPrice: '', quantity: '', errors: {} };
}
export function emptyMilestone(): MilestoneRow {
  return { title: '', dueOn: '', deliverable: '', errors: {} };
}
const lineBlank = (l: LineRow) => !l.item.trim() && !l.unitPrice.trim() && !l.quantity.trim();
const milestoneBlank = (m: MilestoneRow) =>
  !m.title.trim() && !m.dueOn.trim() && !m.deliverable.trim();

export function formFromBody(body: Record<string, unknown>): ProposalForm {
  const rec = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  return {
    title: str(body['title']),
    track: str(body['track']),
    communityIds: strings(body['communityIds']),
    needId: str(body['needId']),
    beneficiaryGroups: strings(body['beneficiaryGroups']),
    beneficiaryCount: str(body['beneficiaryCount']),
    summary: str(body['summary']),
    objectives: str(body['objectives']),
    activities: str(body['activities']),
    team: str(body['team']),
    coFunding: str(body['coFunding']),
    lines: list(body['lines'])
      .slice(0, 200)
      .map((l) => ({
        category: str(rec(l)['category']),
        item: str(rec(l)['item']),
        unitPrice: str(rec(l)['unitPrice']),
        quantity: str(rec(l)['quantity']),
        errors: {},
      })),
    milestones: list(body['milestones'])
      .slice(0, 100)
      .map((m) => ({
        title: str(rec(m)['title']),
        dueOn: str(rec(m)['dueOn']),
        deliverable: str(rec(m)['deliverable']),
        errors: {},
      })),
  };
}

export function formFromDetail(d: ProposalDetail): ProposalForm {
  const p = d.proposal;
  return {
    title: p.title,
    track: p.track,
    communityIds: d.communities.map((c) => String(c.communityId)),
    needId: p.needId ? String(p.needId) : '',
    beneficiaryGroups: p.beneficiaryGroups ?? [],
    beneficiaryCount: p.beneficiaryCount ? String(p.beneficiaryCount) : '',
    summary: p.summary ?? '',
    objectives: p.objectives ?? '',
    activities: p.activities ?? '',
    team: p.team ?? '',
    coFunding: p.coFundingFen ? fenToYuan(p.coFundingFen).replace(/,/g, '') : '',
    lines: d.budgetLines.map((l) => ({
      category: l.category,
      item: l.item,
      unitPrice: fenToYuan(l.unitPriceFen).replace(/,/g, ''),
      quantity: String(l.quantity),
      subtotal: fenToYuan(l.subtotalFen),
      errors: {},
    })),
    milestones: d.milestones.map((m) => ({
      title: m.title,
      dueOn: m.dueOn,
      deliverable: m.deliverable,
      errors: {},
    })),
  };
}

/** Pads the rows with empty ones for the page (no JavaScript: rows are added by a submit button). */
export function withEmptyRows(
  form: ProposalForm,
  lines = EMPTY_ROWS,
  milestones = EMPTY_ROWS,
): ProposalForm {
  const communityIds = [...form.communityIds];
  while (communityIds.length < COMMUNITY_CHOICES) communityIds.push('');
  return {
    ...form,
    communityIds,
    lines: [...form.lines, ...Array.from({ length: lines }, emptyLine)],
    milestones: [...form.milestones, ...Array.from({ length: milestones }, emptyMilestone)],
  };
}

const intOrRaw = (s: string) => (/^\d{1,9}$/.test(s.trim()) ? Number(s.trim()) : s);

/**
 * Form → DTO shape. Money that is not yuan with at most two decimals is a field error (`validation.yuan`);
 * everything else is left to class-validator and the service. Blank rows and blank selects are dropped.
 */
export function formToDto(form: ProposalForm): {
  dto: Record<string, unknown>;
  errors: Record<string, string>;
  lineIndex: number[];
  milestoneIndex: number[];
} {
  const errors: Record<string, string> = {};
  const dto: Record<string, unknown> = {
    title: form.title,
    track: form.track || undefined,
    communityIds: form.communityIds.filter((c) => c !== '').map(intOrRaw),
    needId: form.needId ? intOrRaw(form.needId) : null,
    beneficiaryGroups: form.beneficiaryGroups,
    beneficiaryCount: form.beneficiaryCount.trim() === '' ? 0 : intOrRaw(form.beneficiaryCount),
    summary: form.summary,
    objectives: form.objectives,
    activities: form.activities,
    team: form.team,
  };
  if (form.coFunding.trim() === '') dto['coFundingFen'] = 0;
  else {
    const fen = yuanToFen(form.coFunding);
    if (fen === undefined) errors['coFunding'] = 'yuan';
    else dto['coFundingFen'] = fen;
  }
  const lineIndex: number[] = [];
  dto['budgetLines'] = form.lines.flatMap((l, i) => {
    if (lineBlank(l)) return [];
    // A row being filled in: an empty price or quantity is "required", not a format error.
    const fen = yuanToFen(l.unitPrice);
    if (!l.unitPrice.trim()) errors[`lines.${i}.unitPrice`] = 'required';
    else if (fen === undefined) errors[`lines.${i}.unitPrice`] = 'yuan';
    if (!l.quantity.trim()) errors[`lines.${i}.quantity`] = 'required';
    else if (!/^\d{1,9}$/.test(l.quantity.trim())) errors[`lines.${i}.quantity`] = 'isInt';
    lineIndex.push(i);
    return [
      {
        category: l.category,
        item: l.item,
        unitPriceFen: fen ?? 0,
        quantity: intOrRaw(l.quantity),
      },
    ];
  });
  const milestoneIndex: number[] = [];
  dto['milestones'] = form.milestones.flatMap((m, i) => {
    if (milestoneBlank(m)) return [];
    milestoneIndex.push(i);
    return [{ title: m.title, dueOn: m.dueOn.trim(), deliverable: m.deliverable }];
  });
  return { dto, errors, lineIndex, milestoneIndex };
}

/** DTO field path (budgetLines.0.unitPriceFen) → form field path (lines.<row>.unitPrice). */
export function formField(path: string, lineIndex: number[], milestoneIndex: number[]): string {
  const m = /^(budgetLines|milestones)\.(\d+)\.(\w+)$/.exec(path);
  if (m) {
    const row = (m[1] === 'budgetLines' ? lineIndex : milestoneIndex)[Number(m[2])] ?? Number(m[2]);
    const field = m[3] === 'unitPriceFen' ? 'unitPrice' : m[3];
    return `${m[1] === 'budgetLines' ? 'lines' : 'milestones'}.${row}.${field}`;
  }
  if (/^communityIds\./.test(path)) return 'communityIds';
  if (path === 'coFundingFen') return 'coFunding';
  return path;
}

/** Puts translated errors on the form: row errors onto their rows, the rest into the returned map. */
export function placeErrors(
  form: ProposalForm,
  errors: Record<string, string>,
): Record<string, string> {
  const top: Record<string, string> = {};
  for (const [k, msg] of Object.entries(errors)) {
    const m = /^(lines|milestones)\.(\d+)\.(\w+)$/.exec(k);
    const row = m ? (m[1] === 'lines' ? form.lines : form.milestones)[Number(m[2])] : undefined;
    if (row) row.errors[m![3]] ??= msg;
    else top[k] ??= msg;
  }
  return top;
}

/** Subtotals and the total of the rows shown (display only; the service recomputes on save). */
export function displayTotals(form: ProposalForm): string | undefined {
  let total = 0;
  for (const l of form.lines) {
    const fen = yuanToFen(l.unitPrice);
    const qty = /^\d{1,9}$/.test(l.quantity.trim()) ? Number(l.quantity) : undefined;
    if (lineBlank(l) || fen === undefined || qty === undefined) continue;
    const { totalFen } = computeBudget([
      { category: l.category, item: l.item, unitPriceFen: fen, quantity: qty },
    ]);
    l.subtotal = fenToYuan(totalFen);
    total += totalFen;
  }
  return Number.isSafeInteger(total) ? fenToYuan(total) : undefined;
}
