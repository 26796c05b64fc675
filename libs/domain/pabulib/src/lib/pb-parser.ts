import { splitRecords } from './csv-records';
import type { PbFile, PbIssue, PbProject, PbVote } from './pb-types';

type Section = 'META' | 'PROJECTS' | 'VOTES';
const SECTIONS: readonly Section[] = ['META', 'PROJECTS', 'VOTES'];

export interface PbParseResult {
  readonly file: PbFile;
  /** Structural problems (sections, headers, field counts, quoting, empty lines). */
  readonly issues: readonly PbIssue[];
}

const splitList = (s: string) => (s.trim() === '' ? [] : s.split(',').map((x) => x.trim()));

/**
 * Parses a pabulib `.pb` text. Never throws: every structural problem becomes an issue with its
 * line number, and the parser goes on with what it can read.
 */
export function parsePb(text: string): PbParseResult {
  const issues: PbIssue[] = [];
  const err = (line: number, code: string, message: string) =>
    issues.push({ line, severity: 'error', code, message });
  const records = splitRecords(text);
  // a single trailing empty record is the final line break, not an empty line
  while (records.length > 0 && records[records.length - 1].empty) {
    const last = records.pop()!;
    if (records.length > 0 && records[records.length - 1].empty) {
      issues.push({
        line: last.line,
        severity: 'warning',
        code: 'empty_line',
        message: 'empty line at the end of the file',
      });
    }
  }
  const meta: [string, string][] = [];
  const metaLines: Record<string, number> = {};
  const projects: PbProject[] = [];
  const votes: PbVote[] = [];
  let projectColumns: string[] = [];
  let voteColumns: string[] = [];
  const sectionLines: Partial<Record<Section, number>> = {};
  let section: Section | undefined;
  let header: string[] | undefined;
  let expected = 0;

  for (const rec of records) {
    if (rec.problem) err(rec.line, 'csv_quoting', rec.problem);
    if (rec.empty) {
      issues.push({
        line: rec.line,
        severity: 'warning',
        code: 'empty_line',
        message: 'empty line',
      });
      continue;
    }
    const first = rec.fields[0].trim().toUpperCase();
    if (rec.fields.length === 1 && (SECTIONS as readonly string[]).includes(first)) {
      const next = first as Section;
      if (sectionLines[next] !== undefined)
        err(
          rec.line,
          'duplicate_section',
          `section ${next} appears twice (first at line ${sectionLines[next]})`,
        );
      const order = SECTIONS.indexOf(next);
      if (section !== undefined && SECTIONS.indexOf(section) >= order)
        err(
          rec.line,
          'section_order',
          `section ${next} after ${section}; expected META, PROJECTS, VOTES`,
        );
      if (section === undefined && next !== 'META')
        err(rec.line, 'section_order', `file starts with ${next}; expected META first`);
      sectionLines[next] ??= rec.line;
      section = next;
      header = undefined;
      continue;
    }
    if (section === undefined) {
      err(rec.line, 'outside_section', 'line before the META section');
      continue;
    }
    if (header === undefined) {
      header = rec.fields.map((f) => f.trim());
      expected = header.length;
      const need =
        section === 'META'
          ? ['key', 'value']
          : section === 'PROJECTS'
            ? ['project_id', 'cost']
            : ['voter_id', 'vote'];
      const missing = need.filter((c) => !header!.includes(c));
      if (missing.length > 0)
        err(rec.line, 'missing_column', `${section} header lacks ${missing.join(', ')}`);
      const dup = header.filter((h, i) => header!.indexOf(h) !== i);
      if (dup.length > 0)
        err(rec.line, 'duplicate_column', `${section} header repeats ${dup.join(', ')}`);
      if (section === 'PROJECTS') projectColumns = header;
      if (section === 'VOTES') voteColumns = header;
      if (section === 'PROJECTS' && header[0] !== 'project_id')
        err(rec.line, 'column_order', 'first PROJECTS column must be project_id');
      if (section === 'VOTES' && header[0] !== 'voter_id')
        err(rec.line, 'column_order', 'first VOTES column must be voter_id');
      continue;
    }
    if (rec.fields.length !== expected && !(section === 'META' && rec.fields.length > 2)) {
      err(
        rec.line,
        'field_count',
        `${section} row has ${rec.fields.length} fields, header has ${expected}`,
      );
    }
    const fields: Record<string, string> = {};
    header.forEach((h, i) => {
      fields[h] = (rec.fields[i] ?? '').trim();
    });
    if (section === 'META') {
      // a META value may itself contain ';' when unquoted: keep the rest of the line
      const key = rec.fields[0].trim();
      const value = rec.fields.slice(1).join(';').trim();
      if (metaLines[key] !== undefined)
        err(
          rec.line,
          'duplicate_meta_key',
          `META key "${key}" repeated (first at line ${metaLines[key]})`,
        );
      else {
        meta.push([key, value]);
        metaLines[key] = rec.line;
      }
    } else if (section === 'PROJECTS') {
      projects.push({ line: rec.line, id: fields['project_id'] ?? '', fields });
    } else {
      const pts = fields['points'];
      votes.push({
        line: rec.line,
        voterId: fields['voter_id'] ?? '',
        vote: splitList(fields['vote'] ?? ''),
        ...(pts !== undefined ? { points: splitList(pts) } : {}),
        fields,
      });
    }
  }
  for (const s of SECTIONS)
    if (sectionLines[s] === undefined) err(0, 'missing_section', `section ${s} is missing`);
  return {
    file: { meta, metaLines, projectColumns, projects, voteColumns, votes, sectionLines },
    issues,
  };
}
