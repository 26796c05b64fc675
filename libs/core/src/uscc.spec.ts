import { validate } from 'class-validator';
import {
  isValidUscc,
  IsUscc,
  makeSocialOrgUscc,
  orgCodeCheckChar,
  USCC_ALPHABET,
  usccCheckChar,
} from './uscc';

// Real published codes (business licences printed in annual reports), and the standard's own example.
const REAL = [
  '91350100M000100Y43',
  '914403001922038216',
  '9144030071526726XG',
  '91110000600037341L',
];

describe('unified social credit code (GB 32100-2015)', () => {
  it.each(REAL)('accepts the real code %s', (code) => {
    expect(isValidUscc(code)).toBe(true);
    expect(usccCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it.each(REAL)('rejects %s with every other check character', (code) => {
    for (const c of USCC_ALPHABET)
      if (c !== code[17]) expect(isValidUscc(code.slice(0, 17) + c)).toBe(false);
  });

  it('rejects a change in any one position (single-character errors are always detected)', () => {
    const code = REAL[0];
    for (let i = 0; i < 17; i++) {
      for (const c of USCC_ALPHABET) {
        if (c === code[i] || (i >= 2 && i < 8 && !/\d/.test(c))) continue;
        expect(isValidUscc(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
      }
    }
  });

  it('computes check character 0 when the weighted sum is a multiple of 31', () => {
    // 17 zeros: sum 0 → (31 - 0) % 31 = 0.
    expect(usccCheckChar('00000000000000000')).toBe('0');
    expect(isValidUscc('000000000000000000')).toBe(true);
  });

  it('rejects malformed input: length, lower case, letters outside the alphabet, non-digit division, non-strings', () => {
    expect(isValidUscc('91350100M000100Y4')).toBe(false);
    expect(isValidUscc('91350100M000100Y433')).toBe(false);
    expect(isValidUscc('91350100m000100y43')).toBe(false);
    expect(isValidUscc('91350100M000100I43')).toBe(false); // I is not in the alphabet
    expect(isValidUscc('91350100O000100Y43')).toBe(false); // O neither
    expect(isValidUscc('913501A0M000100Y43')).toBe(false); // division code is digits
    expect(isValidUscc('')).toBe(false);
    expect(isValidUscc(null)).toBe(false);
    expect(isValidUscc(913501)).toBe(false);
    expect(usccCheckChar('short')).toBeUndefined();
    expect(usccCheckChar('9135010SM000100Y4')).toBeUndefined();
  });

  it('builds valid social-organisation codes for the demo (also valid GB 11714 organisation codes)', () => {
    const seen = new Set<string>();
    for (let n = 1; n <= 200; n++) {
      const code = makeSocialOrgUscc(n);
      expect(code).toMatch(/^52370705MJ\d{6}[0-9X]/);
      expect(isValidUscc(code)).toBe(true);
      expect(orgCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      seen.add(code);
    }
    expect(seen.size).toBe(200);
    expect(makeSocialOrgUscc(7, '370705', '1').startsWith('51370705')).toBe(true);
  });

  it('checks the GB 11714 organisation code check character', () => {
    // 组织机构代码 192203821 (positions 9–17 of 914403001922038216).
    expect(orgCodeCheckChar('19220382')).toBe('1');
    expect(orgCodeCheckChar('short')).toBeUndefined();
  });

  it('validates through the IsUscc decorator with the isUscc constraint', async () => {
    class Dto {
      @IsUscc() creditCode!: unknown;
    }
    const ok = Object.assign(new Dto(), { creditCode: REAL[1] });
    expect(await validate(ok)).toHaveLength(0);
    const bad = Object.assign(new Dto(), { creditCode: '914403001922038217' });
    const errors = await validate(bad);
    expect(errors[0].property).toBe('creditCode');
    expect(Object.keys(errors[0].constraints ?? {})).toEqual(['isUscc']);
  });
});
