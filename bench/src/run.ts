import 'reflect-metadata';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { BenchResult } from './bench-result';

/**
 * `npm run bench [-- scenario ...]`: runs scenarios (default: all), prints a table per scenario and
 * writes everything as JSON to var/bench/<time>.json. Scenarios live in bench/src/scenarios/<name>.ts.
 */
async function main() {
  const dir = join(__dirname, 'scenarios');
  const available = readdirSync(dir)
    .filter((f) => f.endsWith('.js'))
    .map((f) => f.replace(/\.js$/, ''))
    .sort();
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const names = wanted.length ? wanted : available;
  const unknown = names.filter((n) => !available.includes(n));
  if (unknown.length) {
    console.error(`unknown scenario(s): ${unknown.join(', ')}; available: ${available.join(', ')}`);
    process.exit(2);
  }
  const results: BenchResult[] = [];
  for (const name of names) {
    console.log(`\n== ${name}`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(join(dir, `${name}.js`)) as { run: () => Promise<BenchResult> };
    const result = await mod.run();
    results.push(result);
    console.table(result.rows);
    for (const n of result.notes ?? []) console.log(`  note: ${n}`);
  }
  const out = resolve(process.cwd(), 'var/bench');
  mkdirSync(out, { recursive: true });
  const file = join(out, `${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ at: new Date().toISOString(), node: process.version, results }, null, 2),
  );
  console.log(`\nresults written to ${file}`);
  process.exit(0);
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
