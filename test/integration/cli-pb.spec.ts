import { execFileSync, spawnSync } from 'node:child_process';
import { resolve } from 'node:path';

const ROOT = resolve(__dirname, '../..');
const CLI = resolve(ROOT, 'dist/apps/cli/src/main.js');
// Hand-checked fixtures (worked out in test/fixtures/pb/tiny.README.md); the real elections are in
// the conformance suite (npm run test:conformance).
const FIXTURES = resolve(ROOT, 'test/fixtures/pb');

/** The built command line, as `npm run --silent cli -- pb …` runs it. */
describe('cli pb', () => {
  it('allocate --json prints exactly one JSON object with the computed winners', () => {
    const out = execFileSync('node', [CLI, 'pb', 'allocate', `${FIXTURES}/tiny.pb`, '--json'], {
      encoding: 'utf8',
    });
    expect(out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(out)).toEqual({
      rule: 'greedy',
      budget: 100,
      winners: ['A', 'C', 'D'],
      cost: 100,
    });
  });

  it('allocate --rule greedy-no-skip stops at the first project that does not fit', () => {
    const out = execFileSync(
      'node',
      [CLI, 'pb', 'allocate', `${FIXTURES}/tiny.pb`, '--rule', 'greedy-no-skip', '--json'],
      { encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toEqual({
      rule: 'greedy-no-skip',
      budget: 100,
      winners: ['A', 'C'],
      cost: 90,
    });
  });

  it('check reports a bad currency with its line number, exit code 1', () => {
    const r = spawnSync('node', [CLI, 'pb', 'check', `${FIXTURES}/bad-currency.pb`], {
      encoding: 'utf8',
    });
    expect(r.status).toBe(1);
    expect(r.stdout + r.stderr).toMatch(/bad-currency\.pb:12: error \[bad_currency\]/);
  });
});
