import { auditChanges, displayValue } from './audit-view';

describe('auditChanges: what a row changed, readable', () => {
  it('lists changed fields with both values and leaves equal ones out', () => {
    expect(
      auditChanges('{"status":"active","year":2026}', '{"status":"at_risk","year":2026}'),
    ).toEqual([{ field: 'status', before: 'active', after: 'at_risk' }]);
  });

  it('shows fields only set after, or only there before', () => {
    expect(auditChanges(null, '{"kind":"web"}')).toEqual([{ field: 'kind', after: 'web' }]);
    expect(auditChanges('{"note":"x"}', null)).toEqual([{ field: 'note', before: 'x' }]);
    expect(auditChanges(null, null)).toEqual([]);
  });

  it('writes amounts in fen as yuan with separators, in the page language', () => {
    expect(auditChanges('{"capFen":0}', '{"capFen":2000000}')).toEqual([
      { field: 'capFen', before: '0.00 元', after: '20,000.00 元' },
    ]);
    expect(auditChanges(null, '{"amountFen":123456}', 'yuan')).toEqual([
      { field: 'amountFen', after: '1,234.56 yuan' },
    ]);
  });

  it('shows empty values as a dash, booleans as marks, lists compact', () => {
    expect(displayValue('reason', '')).toBe('—');
    expect(displayValue('reason', null)).toBe('—');
    expect(displayValue('fromReports', true)).toBe('✓');
    expect(displayValue('ids', [1, 2])).toBe('[1,2]');
    // Not a whole number of fen: shown as it is rather than misread.
    expect(displayValue('amountFen', 1.5)).toBe('1.5');
  });

  it('keeps a summary cut at its length limit (no longer JSON) whole', () => {
    expect(auditChanges(null, '{"text":"abc…')).toEqual([
      { field: 'value', after: '{"text":"abc…' },
    ]);
  });
});
