import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/apps/cli/src/main.js');
const PABULIB = resolve(ROOT, '../shared/pabulib');

/** The built command line, as `npm run --silent cli -- pb …` runs it. */
describe('cli pb', () => {
  it('allocate --json prints exactly one JSON object with the computed winners', () => {
    const out = execFileSync(
      'node',
      [CLI, 'pb', 'allocate', `${PABULIB}/Poland_Gdynia_2021_Kamienna_Gora__small.pb`, '--json'],
      { encoding: 'utf8' },
    );
    expect(out.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(out);
    expect(result).toEqual({
      rule: 'greedy-no-skip',
      budget: expect.any(Number),
      winners: expect.any(Array),
      cost: expect.any(Number),
    });
    expect(result.cost).toBeLessThanOrEqual(result.budget);
  });

  it('check rejects the checker example_invalid.pb with line numbers, exit code 1', () => {
    const r = spawnSync(
      'node',
      [CLI, 'pb', 'check', `${PABULIB}/checker_examples/example_invalid.pb`],
      { encoding: 'utf8' },
    );
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/example_invalid\.pb:20: error \[bad_currency\]/);
  });
});
