import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseMessages, I18n } from '@gv/i18n';
import { ALL_MESSAGES } from './messages';

const LIBS = join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.spec.ts') ? [p] : [];
  });
}

/** Audit actions recorded with a computed name: each value it can take. */
const COMPUTED = [
  'delivery.tranche_requested',
  'delivery.tranche_approved',
  'delivery.tranche_paid',
  'delivery.clawback_recorded',
  'delivery.clawback_recovered',
  'delivery.clawback_returned_to_budget',
  'delivery.evaluation_passed',
  'delivery.evaluation_failed',
  'need.closed',
  'need.reopened',
];

describe('the audit page names every action and entity the contexts record', () => {
  const i18n = new I18n([baseMessages, ...ALL_MESSAGES]);
  const files = readdirSync(LIBS).flatMap((lib) => {
    try {
      return sources(join(LIBS, lib, 'src'));
    } catch {
      return [];
    }
  });
  const recorded = new Set<string>(COMPUTED);
  const entities = new Set<string>();
  for (const f of files) {
    for (const line of readFileSync(f, 'utf8').split('\n')) {
      if (/\baction\b/.test(line))
        for (const m of line.matchAll(/'([a-z]+\.[a-z_]+)'/g))
          if (!m[1]?.startsWith('audit.')) recorded.add(m[1] as string);
      for (const m of line.matchAll(/\bentity: '([a-z_]+)'/g)) entities.add(m[1] as string);
    }
  }

  it('finds the recorded actions in the sources', () => {
    expect(recorded.size).toBeGreaterThan(100);
    expect(recorded).toContain('auth.login');
    expect(entities).toContain('delivery_project');
  });

  it.each(['zh-CN', 'en'] as const)('has a label for each in %s', (locale) => {
    const missing = [...recorded].filter((a) => !i18n.has(locale, `audit.actions.${a}`));
    const missingEntities = [...entities].filter((e) => !i18n.has(locale, `audit.entities.${e}`));
    expect({ missing, missingEntities }).toEqual({ missing: [], missingEntities: [] });
  });
});
