import { parsePb } from './pb-parser';
import { metaValue, VOTE_TYPES, type PbFile, type PbIssue } from './pb-types';

export const KNOWN_RULES = [
  'greedy',
  'greedy-threshold',
  'greedy-no-skip',
  'greedy-exclusive',
  'unknown',
  'equalshares',
  'equalshares/add1',
  'equalshares/add1-comparison',
  'equalshares-comparison',
  'poznan',
] as const;

const REQUIRED_META = [
  'description',
  'country',
  'unit',
  'instance',
  'num_projects',
  'num_votes',
  'budget',
  'vote_type',
  'rule',
];
const INT = /^\d+$/;
const NUMBER = /^\d+(\.\d+)?$/;

/** Semantic checks of a parsed file; every issue carries the line it concerns. */
export function validatePb(file: PbFile): PbIssue[] {
  const issues: PbIssue[] = [];
  const err = (line: number, code: string, message: string) =>
    issues.push({ line, severity: 'error', code, message });
  const warn = (line: number, code: string, message: string) =>
    issues.push({ line, severity: 'warning', code, message });
  const metaLine = (k: string) => file.metaLines[k] ?? file.sectionLines.META ?? 0;

  for (const key of REQUIRED_META)
    if (metaValue(file, key) === undefined)
      err(file.sectionLines.META ?? 0, 'missing_meta', `META lacks "${key}"`);
  const budgetText = metaValue(file, 'budget');
  let budget: number | undefined;
  if (budgetText !== undefined) {
    if (budgetText.includes(','))
      err(metaLine('budget'), 'comma_in_number', `budget "${budgetText}" uses a comma; use a dot`);
    else if (!NUMBER.test(budgetText))
      err(metaLine('budget'), 'bad_number', `budget "${budgetText}" is not a number`);
    else budget = Number(budgetText);
  }
  const voteType = metaValue(file, 'vote_type');
  if (voteType !== undefined && !(VOTE_TYPES as readonly string[]).includes(voteType)) {
    err(
      metaLine('vote_type'),
      'bad_vote_type',
      `vote_type "${voteType}" is not one of ${VOTE_TYPES.join(', ')}`,
    );
  }
  const rule = metaValue(file, 'rule');
  if (rule !== undefined && !(KNOWN_RULES as readonly string[]).includes(rule))
    warn(metaLine('rule'), 'unknown_rule', `rule "${rule}" is not a known pabulib rule`);
  const currency = metaValue(file, 'currency');
  if (currency !== undefined && !/^[A-Z]{3}$/.test(currency))
    err(metaLine('currency'), 'bad_currency', `currency "${currency}" is not an ISO 4217 code`);
  for (const key of [
    'num_projects',
    'num_votes',
    'min_length',
    'max_length',
    'min_sum_points',
    'max_sum_points',
    'min_points',
    'max_points',
  ]) {
    const v = metaValue(file, key);
    if (v !== undefined && !INT.test(v))
      err(metaLine(key), 'bad_number', `${key} "${v}" is not a non-negative integer`);
  }
  const threshold = metaValue(file, 'min_project_score_threshold');
  if (threshold !== undefined && !NUMBER.test(threshold))
    err(
      metaLine('min_project_score_threshold'),
      'bad_number',
      `min_project_score_threshold "${threshold}" is not a number`,
    );
  const points = voteType === 'cumulative' || voteType === 'scoring';
  if (points && file.sectionLines.VOTES !== undefined && !file.voteColumns.includes('points')) {
    err(
      file.sectionLines.VOTES + 1,
      'missing_column',
      `vote_type ${voteType} needs a points column`,
    );
  }

  // PROJECTS
  const projectIds = new Map<string, number>();
  for (const p of file.projects) {
    if (p.id === '') err(p.line, 'missing_value', 'empty project_id');
    else if (projectIds.has(p.id))
      err(
        p.line,
        'duplicate_project',
        `project ${p.id} repeated (first at line ${projectIds.get(p.id)})`,
      );
    else projectIds.set(p.id, p.line);
    const cost = p.fields['cost'] ?? '';
    if (cost.includes(','))
      err(p.line, 'comma_in_number', `cost "${cost}" of project ${p.id} uses a comma`);
    else if (!NUMBER.test(cost))
      err(p.line, 'bad_number', `cost "${cost}" of project ${p.id} is not a number`);
    else if (Number(cost) === 0) err(p.line, 'zero_cost', `project ${p.id} has no cost`);
    else if (budget !== undefined && Number(cost) > budget)
      warn(
        p.line,
        'cost_exceeds_budget',
        `project ${p.id} costs ${cost}, more than the budget ${budget}`,
      );
    for (const col of ['votes', 'score']) {
      const v = p.fields[col];
      const re = col === 'votes' ? INT : NUMBER;
      if (v !== undefined && v !== '' && !re.test(v))
        err(
          p.line,
          'bad_number',
          `${col} "${v}" of project ${p.id} is not a ${col === 'votes' ? 'non-negative integer' : 'number'}`,
        );
    }
    const sel = p.fields['selected'];
    if (sel !== undefined && sel !== '' && !['0', '1', '2'].includes(sel))
      err(p.line, 'bad_value', `selected "${sel}" of project ${p.id} is not 0, 1 or 2`);
  }
  // VOTES
  const voterIds = new Map<string, number>();
  const counted = new Map<string, number>();
  const scored = new Map<string, number>();
  const minLen = Number(metaValue(file, 'min_length') ?? NaN);
  const maxLen = Number(metaValue(file, 'max_length') ?? NaN);
  const minSum = Number(metaValue(file, 'min_sum_points') ?? NaN);
  const maxSum = Number(metaValue(file, 'max_sum_points') ?? NaN);
  for (const v of file.votes) {
    if (v.voterId === '') err(v.line, 'missing_value', 'empty voter_id');
    else if (voterIds.has(v.voterId))
      err(
        v.line,
        'duplicate_voter',
        `voter ${v.voterId} repeated (first at line ${voterIds.get(v.voterId)})`,
      );
    else voterIds.set(v.voterId, v.line);
    if (v.vote.length === 0) err(v.line, 'empty_vote', `voter ${v.voterId} has an empty vote`);
    const seen = new Set<string>();
    for (const id of v.vote) {
      if (seen.has(id))
        err(v.line, 'duplicate_in_vote', `voter ${v.voterId} lists project ${id} twice`);
      seen.add(id);
      if (!projectIds.has(id))
        err(v.line, 'unknown_project', `voter ${v.voterId} votes for unknown project ${id}`);
      counted.set(id, (counted.get(id) ?? 0) + 1);
    }
    if (voteType === 'choose-1' && v.vote.length !== 1)
      err(v.line, 'vote_length', `choose-1 vote of ${v.voterId} has ${v.vote.length} projects`);
    if (v.vote.length < minLen)
      err(
        v.line,
        'vote_length',
        `vote of ${v.voterId} has ${v.vote.length} projects, min_length ${minLen}`,
      );
    if (v.vote.length > maxLen)
      err(
        v.line,
        'vote_length',
        `vote of ${v.voterId} has ${v.vote.length} projects, max_length ${maxLen}`,
      );
    if (points) {
      const pts = v.points ?? [];
      if (pts.length !== v.vote.length)
        err(
          v.line,
          'points_length',
          `voter ${v.voterId}: ${v.vote.length} projects but ${pts.length} points`,
        );
      let total = 0;
      pts.forEach((x, i) => {
        if (!INT.test(x))
          err(v.line, 'bad_number', `voter ${v.voterId}: points "${x}" is not an integer`);
        total += Number(x);
        const id = v.vote[i];
        if (id !== undefined) scored.set(id, (scored.get(id) ?? 0) + Number(x));
      });
      if (total < minSum)
        err(
          v.line,
          'points_sum',
          `voter ${v.voterId}: points sum ${total} < min_sum_points ${minSum}`,
        );
      if (total > maxSum)
        err(
          v.line,
          'points_sum',
          `voter ${v.voterId}: points sum ${total} > max_sum_points ${maxSum}`,
        );
    }
    const sex = v.fields['sex'];
    if (sex !== undefined && sex !== '' && !['M', 'F', 'O'].includes(sex))
      err(v.line, 'bad_value', `voter ${v.voterId}: sex "${sex}" is not M, F or O`);
    const age = v.fields['age'];
    if (age !== undefined && age !== '' && !INT.test(age))
      err(v.line, 'bad_number', `voter ${v.voterId}: age "${age}" is not an integer`);
  }
  const np = metaValue(file, 'num_projects');
  if (np !== undefined && INT.test(np) && Number(np) !== file.projects.length)
    err(
      metaLine('num_projects'),
      'count_mismatch',
      `num_projects ${np} but ${file.projects.length} rows in PROJECTS`,
    );
  const nv = metaValue(file, 'num_votes');
  if (nv !== undefined && INT.test(nv) && Number(nv) !== file.votes.length)
    err(
      metaLine('num_votes'),
      'count_mismatch',
      `num_votes ${nv} but ${file.votes.length} rows in VOTES`,
    );
  for (const p of file.projects) {
    const v = p.fields['votes'];
    if (v !== undefined && INT.test(v) && Number(v) !== (counted.get(p.id) ?? 0))
      err(
        p.line,
        'votes_mismatch',
        `project ${p.id}: votes ${v} but ${counted.get(p.id) ?? 0} counted in VOTES`,
      );
    const s = p.fields['score'];
    if (points && s !== undefined && INT.test(s) && Number(s) !== (scored.get(p.id) ?? 0))
      err(
        p.line,
        'score_mismatch',
        `project ${p.id}: score ${s} but ${scored.get(p.id) ?? 0} counted in VOTES`,
      );
  }
  return issues;
}

/** Parse + validate; issues sorted by line. Never throws. */
export function checkPb(text: string): { ok: boolean; issues: PbIssue[]; file: PbFile } {
  const { file, issues } = parsePb(text);
  const all = [...issues, ...validatePb(file)].sort((a, b) => a.line - b.line);
  return { ok: !all.some((i) => i.severity === 'error'), issues: all, file };
}
