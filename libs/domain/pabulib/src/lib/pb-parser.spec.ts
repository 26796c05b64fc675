import { checkPb } from './pb-validator';
import { parsePb } from './pb-parser';
import { splitRecords } from './csv-records';
import { pbDocumentFromFile, writePb, exportCallToPb } from './pb-writer';
import { runPbRule } from './pb-rules';

const base = (voteType: string, votesHeader: string, votes: string[], extraMeta = '') =>
  [
    'META',
    'key;value',
    'description;Test',
    'country;China',
    'unit;Dongguan',
    'instance;2025',
    'num_projects;3',
    `num_votes;${votes.length}`,
    'budget;100',
    `vote_type;${voteType}`,
    'rule;greedy',
    'currency;CNY',
    ...(extraMeta ? [extraMeta] : []),
    'PROJECTS',
    'project_id;cost;name',
    '1;60;"Garden; ""green"" corner"',
    '2;50;Library',
    '3;40;"Two\nlines"',
    'VOTES',
    votesHeader,
    ...votes,
  ].join('\n') + '\n';

describe('pb parser', () => {
  it('CSV quoting with "" and ; inside quotes, quoted newlines', () => {
    const { file, issues } = parsePb(base('approval', 'voter_id;vote', ['a;1,2', 'b;2']));
    expect(issues).toEqual([]);
    expect(file.projects[0].fields['name']).toBe('Garden; "green" corner');
    expect(file.projects[2].fields['name']).toBe('Two\nlines');
    expect(file.votes[1].line).toBe(22); // the quoted newline counts as a line
  });

  it('BOM and mixed CRLF / LF / CR line ends', () => {
    const text =
      '\ufeff' +
      base('approval', 'voter_id;vote', ['a;1', 'b;3']).replace(/\n/g, (_m, i: number) =>
        i % 3 === 0 ? '\r\n' : '\n',
      );
    const res = checkPb(text);
    expect(res.ok).toBe(true);
    expect(res.file.meta[0]).toEqual(['description', 'Test']);
    expect(splitRecords('a;b\rc;d\r\ne;f').map((r) => r.fields)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
    ]);
  });

  it.each([
    ['approval', 'voter_id;vote', ['a;1,2', 'b;3'], ['1', '3']], // 1:1 2:1 3:1, ties by file order; 2 does not fit
    ['choose-1', 'voter_id;vote', ['a;2', 'b;2', 'c;1'], ['2', '3']],
    ['ordinal', 'voter_id;vote', ['a;3,1', 'b;3'], ['3', '1']],
    ['cumulative', 'voter_id;vote;points', ['a;1,2;3,2', 'b;2;5'], ['2', '3']],
    ['scoring', 'voter_id;vote;points', ['a;1,2,3;1,9,2', 'b;3;9'], ['3', '2']],
  ])('vote type %s parses and allocates greedily', (voteType, header, votes, winners) => {
    const res = checkPb(base(voteType, header, votes));
    expect(res.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(runPbRule(res.file, 'greedy').winners).toEqual(winners);
  });

  it('writer round trip keeps every field', () => {
    const text = base('cumulative', 'voter_id;vote;points', ['a;1,2;3,2', 'b;2;5']);
    const { file } = parsePb(text);
    const again = parsePb(writePb(pbDocumentFromFile(file)));
    expect(pbDocumentFromFile(again.file)).toEqual(pbDocumentFromFile(file));
    expect(writePb(pbDocumentFromFile(again.file))).toBe(writePb(pbDocumentFromFile(file)));
  });

  it('exports a call (projects, costs, scores, votes) as a valid file', () => {
    const text = exportCallToPb({
      description: '首届社区公益创投大赛',
      country: 'China',
      unit: 'Weifang',
      instance: '2025',
      budget: 11_600_000,
      currency: 'CNY',
      voteType: 'approval',
      rule: 'greedy',
      projects: [
        { id: 'P1', cost: 5_000_000, name: '苇湾; "长者" 食堂', score: '87.25' },
        { id: 'P2', cost: 3_000_000 },
      ],
      ballots: [
        { voterId: 'v1', vote: ['P1', 'P2'] },
        { voterId: 'v2', vote: ['P2'] },
      ],
    });
    const res = checkPb(text);
    expect(res.issues).toEqual([]);
    expect(res.file.projects[0].fields['name']).toBe('苇湾; "长者" 食堂');
    expect(runPbRule(res.file).winners).toEqual(['P2', 'P1']);
  });
});

describe('pb validator', () => {
  it('reports every error with its line, never throws', () => {
    const text = base(
      'cumulative',
      'voter_id;vote;points',
      ['a;1,9;3', 'a;2;x', 'c;2,2;1,1'],
      'max_sum_points;4',
    ).replace('budget;100', 'budget;1,5');
    const res = checkPb(text);
    expect(res.ok).toBe(false);
    const codes = res.issues.map((i) => `${i.line}:${i.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        '9:comma_in_number',
        '22:unknown_project',
        '22:points_length',
        '23:duplicate_voter',
        '23:bad_number',
        '24:duplicate_in_vote',
      ]),
    );
  });

  it.each([
    '',
    'garbage',
    'META\n',
    '"unterminated',
    'PROJECTS\nproject_id;cost\n1;2\n',
    ';;;\n\n\n',
  ])('never crashes on %j', (text) => {
    const res = checkPb(text);
    expect(res.ok).toBe(false);
    expect(res.issues.length).toBeGreaterThan(0);
  });
});
