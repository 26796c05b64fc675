import { canSee, ensureOwned, ownerCondition } from './owner-scope';
import { fenToYuan, yuanToFen } from './money';
import { formatShanghai, parseShanghai } from './time';
import { localeFromAcceptLanguage } from './request-context';
import { Role } from './roles';

const admin = { userId: 1, roles: [Role.StreetAdmin], communityId: null, organisationId: null };
const staff = { userId: 2, roles: [Role.CommunityStaff], communityId: 5, organisationId: null };
const member = { userId: 3, roles: [Role.OrgMember], communityId: null, organisationId: 9 };
const judge = { userId: 4, roles: [Role.Judge], communityId: null, organisationId: null };

describe('owner scope', () => {
  it('lets each role see only its own records', () => {
    const rec = { organisationId: 9, communityId: 5 };
    expect([admin, staff, member, judge].map((a) => canSee(a, rec))).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(canSee(member, { organisationId: 10, communityId: 5 })).toBe(false);
    expect(canSee(staff, { organisationId: 10, communityId: 6, communityIds: [6, 5] })).toBe(true);
    expect(canSee(undefined, rec)).toBe(false);
  });

  it('answers 404 for a record outside the scope', () => {
    expect(() => ensureOwned(member, { organisationId: 10 })).toThrow(
      expect.objectContaining({ status: 404 }),
    );
    expect(() => ensureOwned(member, null)).toThrow(expect.objectContaining({ status: 404 }));
    expect(ensureOwned(member, { organisationId: 9 })).toEqual({ organisationId: 9 });
  });

  it('builds the matching SQL condition', () => {
    expect(ownerCondition(admin, 'p', { organisation: 'organisationId' })).toEqual(['1 = 1', {}]);
    expect(
      ownerCondition(member, 'p', { organisation: 'organisationId', community: 'communityId' }),
    ).toEqual(['(p.organisationId = :scopeOrg)', { scopeOrg: 9 }]);
    expect(ownerCondition(staff, 'p', { community: 'communityId' })).toEqual([
      '(p.communityId = :scopeCommunity)',
      { scopeCommunity: 5 },
    ]);
    expect(ownerCondition(judge, 'p', { organisation: 'organisationId' })).toEqual(['1 = 0', {}]);
    expect(ownerCondition(undefined, 'p', {})).toEqual(['1 = 0', {}]);
  });
});

describe('money in fen', () => {
  it.each([
    ['116000', 11_600_000],
    ['0.5', 50],
    ['12.34', 1234],
    ['1,234.05', 123_405],
    ['0', 0],
  ])('parses %s yuan exactly', (yuan, fen) => expect(yuanToFen(yuan)).toBe(fen));
  it.each(['1.234', '-5', 'abc', '', '1e3', '0.1.2'])('refuses %j', (yuan) =>
    expect(yuanToFen(yuan)).toBeUndefined(),
  );
  it('formats fen as yuan with two decimals', () => {
    expect(fenToYuan(11_600_000)).toBe('116,000.00');
    expect(fenToYuan(5)).toBe('0.05');
    expect(fenToYuan(-150)).toBe('-1.50');
    // Separators at every size, as en-US locale formatting puts them.
    for (const fen of [0, 99_999, 100_000, 123_456_789, 100_000_000_000, Number.MAX_SAFE_INTEGER])
      expect(fenToYuan(fen).split('.')[0]).toBe(Math.floor(fen / 100).toLocaleString('en-US'));
    expect(() => fenToYuan(1.5)).toThrow(RangeError);
  });
});

describe('Asia/Shanghai time', () => {
  it('parses wall-clock times as UTC+8 and formats them back', () => {
    const d = parseShanghai('2026-12-01T09:30')!;
    expect(d.toISOString()).toBe('2026-12-01T01:30:00.000Z');
    expect(formatShanghai(d)).toBe('2026-12-01 09:30');
    expect(parseShanghai('2026-12-01')!.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
  it('refuses impossible dates', () => {
    expect(parseShanghai('2026-02-30')).toBeUndefined();
    expect(parseShanghai('tomorrow')).toBeUndefined();
  });
});

describe('Accept-Language', () => {
  it('picks the best supported locale', () => {
    expect(localeFromAcceptLanguage('en-US,en;q=0.9,zh-CN;q=0.8')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=1, zh-TW;q=0.5')).toBe('zh-CN');
    expect(localeFromAcceptLanguage('fr')).toBeUndefined();
  });
});
