import { neutraliseFormula } from './spreadsheet';

describe('neutraliseFormula', () => {
  it.each([
    ['=HYPERLINK("http://x","y")', `'=HYPERLINK("http://x","y")`],
    ['+1+1', "'+1+1"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['\r=1', "'\r=1"],
  ])('prefixes %j', (input, out) => expect(neutraliseFormula(input)).toBe(out));

  it.each([['苇湾社区老年人日间照料'], ['a=b'], [''], ['DG-2026-001']])(
    'leaves %j as it is',
    (input) => expect(neutraliseFormula(input)).toBe(input),
  );

  it('turns null into an empty cell', () => expect(neutraliseFormula(null)).toBe(''));
});
