import { quoteField } from './csv-records';
import type { PbFile } from './pb-types';

/** A neutral document to write: what a parsed file holds, or what a call exports. */
export interface PbDocument {
  readonly meta: ReadonlyArray<readonly [string, string]>;
  readonly projectColumns: readonly string[];
  readonly projects: ReadonlyArray<Readonly<Record<string, string>>>;
  readonly voteColumns: readonly string[];
  readonly votes: ReadonlyArray<Readonly<Record<string, string>>>;
}

export function pbDocumentFromFile(file: PbFile): PbDocument {
  return {
    meta: file.meta,
    projectColumns: file.projectColumns,
    projects: file.projects.map((p) => p.fields),
    voteColumns: file.voteColumns,
    votes: file.votes.map((v) => v.fields),
  };
}

/** Writes a `.pb` text (LF line ends by default, `;` separated, CSV quoting with `""`). */
export function writePb(doc: PbDocument, lineEnding: '\n' | '\r\n' = '\n'): string {
  const row = (cells: readonly string[]) => cells.map((c) => quoteField(c)).join(';');
  const lines: string[] = ['META', 'key;value'];
  for (const [k, v] of doc.meta) lines.push(row([k, v]));
  lines.push('PROJECTS', row(doc.projectColumns));
  for (const p of doc.projects) lines.push(row(doc.projectColumns.map((c) => p[c] ?? '')));
  lines.push('VOTES', row(doc.voteColumns));
  for (const v of doc.votes) lines.push(row(doc.voteColumns.map((c) => v[c] ?? '')));
  return lines.join(lineEnding) + lineEnding;
}

/** What the platform exports for a call (公示/公众投票 export), money in integer units. */
export interface CallExport {
  readonly description: string;
  readonly country: string;
  readonly unit: string;
  readonly instance: string;
  readonly budget: number;
  readonly currency: string;
  readonly voteType: 'approval' | 'ordinal' | 'cumulative' | 'scoring' | 'choose-1';
  readonly rule: string;
  readonly extraMeta?: ReadonlyArray<readonly [string, string]>;
  readonly projects: ReadonlyArray<{
    readonly id: string;
    readonly cost: number;
    readonly name?: string;
    readonly category?: string;
    /** Exact score as text (e.g. panel score "87.25" or a tally). */
    readonly score?: string;
    readonly votes?: number;
    readonly selected?: boolean;
  }>;
  readonly ballots?: ReadonlyArray<{
    readonly voterId: string;
    readonly vote: readonly string[];
    readonly points?: readonly number[];
  }>;
}

/** Builds the `.pb` text of a call: projects with costs, scores or votes, and the ballots. */
export function exportCallToPb(call: CallExport): string {
  const ballots = call.ballots ?? [];
  const meta: [string, string][] = [
    ['description', call.description],
    ['country', call.country],
    ['unit', call.unit],
    ['instance', call.instance],
    ['num_projects', String(call.projects.length)],
    ['num_votes', String(ballots.length)],
    ['budget', String(call.budget)],
    ['vote_type', call.voteType],
    ['rule', call.rule],
    ['currency', call.currency],
    ...(call.extraMeta ?? []).map(([k, v]) => [k, v] as [string, string]),
  ];
  const optional = (['name', 'category', 'score', 'votes', 'selected'] as const).filter((c) =>
    call.projects.some((p) => p[c] !== undefined),
  );
  const projectColumns = ['project_id', 'cost', ...optional];
  const projects = call.projects.map((p) => {
    const r: Record<string, string> = { project_id: p.id, cost: String(p.cost) };
    if (p.name !== undefined) r['name'] = p.name;
    if (p.category !== undefined) r['category'] = p.category;
    if (p.score !== undefined) r['score'] = p.score;
    if (p.votes !== undefined) r['votes'] = String(p.votes);
    if (p.selected !== undefined) r['selected'] = p.selected ? '1' : '0';
    return r;
  });
  const withPoints = ballots.some((b) => b.points !== undefined);
  const voteColumns = withPoints ? ['voter_id', 'vote', 'points'] : ['voter_id', 'vote'];
  const votes = ballots.map((b) => ({
    voter_id: b.voterId,
    vote: b.vote.join(','),
    ...(withPoints ? { points: (b.points ?? []).join(',') } : {}),
  }));
  return writePb({ meta, projectColumns, projects, voteColumns, votes });
}
