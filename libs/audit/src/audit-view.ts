import { fenToYuan } from '@gv/core';

/** One changed field of an audit row: its value before and after (absent: the field was not there). */
export interface AuditChange {
  field: string;
  before?: string;
  after?: string;
}

const EMPTY = '—';

function parse(json: string | null): Record<string, unknown> | null {
  if (!json) return null;
  try {
    const v: unknown = JSON.parse(json);
    return v && typeof v === 'object' && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : { value: v };
  } catch {
    // A summary cut at its length limit is no longer JSON: show it whole.
    return { value: json };
  }
}

/** A value as a clerk reads it: amounts (`…Fen`) in yuan with separators, lists and objects compact. */
export function displayValue(field: string, v: unknown, yuan = '元'): string {
  if (v === null || v === undefined || v === '') return EMPTY;
  if (/Fen$/.test(field) && typeof v === 'number' && Number.isSafeInteger(v))
    return `${fenToYuan(v)} ${yuan}`;
  if (typeof v === 'boolean') return v ? '✓' : '✗';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * The fields a row changed, in a stable order: those in both with another value, those only after
 * (set), those only before (cleared). Fields equal on both sides are left out.
 */
export function auditChanges(
  beforeJson: string | null,
  afterJson: string | null,
  yuan = '元',
): AuditChange[] {
  const before = parse(beforeJson) ?? {};
  const after = parse(afterJson) ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const out: AuditChange[] = [];
  for (const field of fields) {
    const inBefore = field in before;
    const inAfter = field in after;
    if (inBefore && inAfter && JSON.stringify(before[field]) === JSON.stringify(after[field]))
      continue;
    out.push({
      field,
      ...(inBefore ? { before: displayValue(field, before[field], yuan) } : {}),
      ...(inAfter ? { after: displayValue(field, after[field], yuan) } : {}),
    });
  }
  return out;
}
