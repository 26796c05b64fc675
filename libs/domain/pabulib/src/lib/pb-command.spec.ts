import { runPbCommand } from './pb-command';

function run(argv: string[], files: Record<string, string>) {
  let out = '';
  let err = '';
  const code = runPbCommand(argv, {
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
    readFile: (p) => {
      if (!(p in files)) throw new Error('ENOENT');
      return files[p];
    },
  });
  return { code, out, err };
}

const FILE = [
  'META',
  'key;value',
  'description;t',
  'country;c',
  'unit;u',
  'instance;i',
  'num_projects;3',
  'num_votes;3',
  'budget;100',
  'vote_type;approval',
  'rule;greedy',
  'currency;CNY',
  'PROJECTS',
  'project_id;cost;votes;selected',
  'a;60;3;0',
  'b;50;2;0',
  'c;40;1;1',
  'VOTES',
  'voter_id;vote',
  '1;a,b,c',
  '2;a,b',
  '3;a',
].join('\n');

describe('runPbCommand', () => {
  it('allocate --json prints exactly one JSON line and ignores the selected column', () => {
    const r = run(['allocate', 'f.pb', '--json'], { 'f.pb': FILE });
    expect(r.code).toBe(0);
    expect(r.out).toBe('{"rule": "greedy", "budget": 100, "winners": ["a", "c"], "cost": 100}\n');
    expect(JSON.parse(r.out)).toEqual({
      rule: 'greedy',
      budget: 100,
      winners: ['a', 'c'],
      cost: 100,
    });
  });

  it('--rule overrides META; text output; leading "pb" tolerated', () => {
    const r = run(['pb', 'allocate', 'f.pb', '--rule', 'greedy-no-skip'], { 'f.pb': FILE });
    expect(r.code).toBe(0);
    expect(r.out).toBe('rule: greedy-no-skip\nbudget: 100\nwinners (1): a\ncost: 60\n');
    expect(
      run(['allocate', '--rule=equalshares/add1', 'f.pb', '--json'], { 'f.pb': FILE }).code,
    ).toBe(0);
  });

  it('check: valid file exits 0, invalid exits 1 with line numbers', () => {
    expect(run(['check', 'f.pb'], { 'f.pb': FILE })).toMatchObject({ code: 0 });
    const bad = run(['check', 'g.pb'], { 'g.pb': FILE.replace('currency;CNY', 'currency;yuan') });
    expect(bad.code).toBe(1);
    expect(bad.out).toContain('g.pb:12: error [bad_currency]');
  });

  it('usage errors and unreadable files exit 2; unknown rule exits 1', () => {
    expect(run([], {}).code).toBe(2);
    expect(run(['allocate'], {}).code).toBe(2);
    expect(run(['allocate', 'x.pb', '--frobnicate'], {}).code).toBe(2);
    expect(run(['check', 'missing.pb'], {}).code).toBe(2);
    const r = run(['allocate', 'f.pb', '--rule', 'unknown'], { 'f.pb': FILE });
    expect(r.code).toBe(1);
    expect(r.err).toContain('not implemented');
  });
});
