import { RoadshowInput, RoadshowInputError, RoadshowOutput, scheduleRoadshow } from '@gv/roadshow';
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
    io.stdout(`${agendaTable(input, out).join('\n')}\n`);
    return 0;
  } catch (err) {
    if (err instanceof RoadshowInputError) {
      io.stderr(`${err.problems.join('\n')}\n`);
      return 1;
    }
    throw err;
  }
}

/** The agenda as a table (by start, then session), the unplaced with their reasons, and the bounds. */
function agendaTable(input: RoadshowInput, out: RoadshowOutput): string[] {
  const room = new Map(input.sessions.map((s) => [s.id, s.room]));
  const rows = [
    ['date', 'start', 'end', 'session', 'room', 'proposal'],
    ...out.assignments.map((a) => [
      a.start.slice(0, 10),
      a.start.slice(11),
      a.end.slice(11),
      a.session,
      room.get(a.session) ?? '',
      a.proposal,
    ]),
  ];
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd(),
  );
  if (out.unplaced.length) lines.push('', 'not placed:');
  for (const u of out.unplaced) lines.push(`  ${u.proposal}  ${u.reason}`);
  const { exact, sessionsLowerBound } = out.bounds;
  lines.push(
    '',
    `${out.assignments.length} placed, ${out.unplaced.length} not placed; ` +
      `${out.sessionsUsed} session(s) used, lower bound ${sessionsLowerBound}` +
      `${exact ? ' (optimal)' : ''}; holes ${out.bounds.holes}; draw seed ${out.seed}`,
  );
  return lines;
}
