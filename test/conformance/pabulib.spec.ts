import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkPb, metaValue, PB_RULES, runPbCommand, runPbRule } from '@gv/pabulib';

/**
 * Real participatory-budgeting elections from pabulib, kept beside the repository (CI has them, a
 * user's clone does not): `npm run test:conformance`. Deliberately never skipped: a missing folder fails.
 */
const PABULIB_DIR = path.resolve(
  process.env['PABULIB_DIR'] ?? path.resolve(__dirname, '../../../shared/pabulib'),
);
if (!fs.existsSync(PABULIB_DIR))
  throw new Error(
    `The conformance suite needs the pabulib elections in ${PABULIB_DIR} (set PABULIB_DIR to another folder). They are not part of the repository; npm test does not need them.`,
  );
const files = fs
  .readdirSync(PABULIB_DIR)
  .filter((f) => f.endsWith('.pb'))
  .sort();
const read = (f: string) => fs.readFileSync(path.join(PABULIB_DIR, f), 'utf8');

interface Case {
  file: string;
  rule: string;
  selected: string[] | undefined;
}
const cases: Case[] = files.map((file) => {
  const { file: pb } = checkPb(read(file));
  const hasSelected = pb.projectColumns.includes('selected');
  return {
    file,
    rule: metaValue(pb, 'rule') ?? '',
    selected: hasSelected
      ? pb.projects
          .filter((p) => p.fields['selected'] === '1')
          .map((p) => p.id)
          .sort()
      : undefined,
  };
});
const comparable = cases.filter(
  (c) => (PB_RULES as readonly string[]).includes(c.rule) && c.selected !== undefined,
);

describe(`pabulib conformance (${PABULIB_DIR})`, () => {
  it('the folder holds the 13 election files', () => {
    expect(files).toHaveLength(13);
  });

  it.each(files)('%s parses and validates without errors', (file) => {
    const res = checkPb(read(file));
    expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it.each(comparable.map((c) => [c.file, c.rule, c] as const))(
    '%s (%s): computed winners equal the selected column',
    (_f, _r, c) => {
      const out = runPbRule(checkPb(read(c.file)).file);
      expect([...out.winners].sort()).toEqual(c.selected);
      // the command line computes the same, from the ballots
      let line = '';
      const code = runPbCommand(['allocate', c.file, '--json'], {
        stdout: (s) => (line += s),
        stderr: () => undefined,
        readFile: (p) => read(p),
      });
      expect(code).toBe(0);
      expect([...JSON.parse(line).winners].sort()).toEqual(c.selected);
    },
    60_000,
  );

  it('greedy-exclusive (Wesola 2024) is compared: the comment lists no exclusive pairs, so no group constrains it', () => {
    expect(comparable.map((c) => c.rule)).toContain('greedy-exclusive');
  });

  it.each(cases.filter((c) => c.rule === 'unknown').map((c) => [c.file]))(
    '%s: rule "unknown" in META — parsed, not compared (no official rule to reproduce)',
    (file) => {
      expect(checkPb(read(file)).file.votes.length).toBeGreaterThan(0);
    },
  );

  it.each(
    cases
      .filter((c) => c.selected === undefined && c.rule !== 'unknown')
      .map((c) => [c.file, c.rule]),
  )('%s (%s): no selected column in PROJECTS — allocated, nothing to compare with', (file) => {
    const out = runPbRule(checkPb(read(file)).file);
    expect(out.cost).toBeLessThanOrEqual(out.budget);
  });

  it('checker example_valid.pb is valid; example_invalid.pb is rejected clearly with line numbers', () => {
    const ok = checkPb(
      fs.readFileSync(path.join(PABULIB_DIR, 'checker_examples/example_valid.pb'), 'utf8'),
    );
    expect(ok.ok).toBe(true);
    const bad = checkPb(
      fs.readFileSync(path.join(PABULIB_DIR, 'checker_examples/example_invalid.pb'), 'utf8'),
    );
    expect(bad.ok).toBe(false);
    expect(
      bad.issues.filter((i) => i.severity === 'error').map((i) => `${i.line}:${i.code}`),
    ).toEqual(expect.arrayContaining(['20:bad_currency', '29:bad_value']));
    let out = '';
    const code = runPbCommand(['check', 'checker_examples/example_invalid.pb'], {
      stdout: (s) => (out += s),
      stderr: () => undefined,
      readFile: (p) => fs.readFileSync(path.join(PABULIB_DIR, p), 'utf8'),
    });
    expect(code).toBe(1);
    expect(out).toContain('INVALID');
  });
});
