import { RoadshowInput, RoadshowInputError, scheduleRoadshow } from '@gv/roadshow';
import type { CliIo } from './pb-command';

const USAGE = 'usage: cli roadshow schedule FILE.json [--json]\n';

/**
 * `cli roadshow schedule FILE.json [--json]`: one JSON object on stdout (exit 0), or the reasons on
 * stderr naming what clashes (exit 1); a readable agenda without --json.
 */
export function runRoadshow(args: string[], io: CliIo): number {
  const [cmd, file, ...flags] = args;
  if (cmd !== 'schedule' || !file || flags.some((f) => f !== '--json')) {
    io.stderr(USAGE);
    return 2;
  }
  let input: RoadshowInput;
  try {
    input = JSON.parse(io.readFile(file)) as RoadshowInput;
  } catch (err) {
    io.stderr(`${file}: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    const out = scheduleRoadshow(input);
    if (flags.includes('--json')) {
      const { bounds, ...contract } = out;
      io.stdout(`${JSON.stringify({ ...contract, bounds })}\n`);
      return 0;
    }
    const lines = out.assignments.map(
      (a) => `${a.start}–${a.end.slice(11)}  ${a.session.padEnd(8)} ${a.proposal}`,
    );
    for (const u of out.unplaced) lines.push(`not placed        ${u.proposal}: ${u.reason}`);
    lines.push(
      `${out.assignments.length} placed in ${out.sessionsUsed} sessions (lower bound ${out.bounds.sessionsLowerBound}${out.bounds.exact ? ', optimal' : ''}); draw seed ${out.seed}`,
    );
    io.stdout(`${lines.join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RoadshowInputError) {
      io.stderr(`${err.problems.join('\n')}\n`);
      return 1;
    }
    throw err;
  }
}
