import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const CLI = join(__dirname, '../../dist/apps/cli/src/main.js');

/** `npm run --silent cli -- roadshow schedule FILE.json --json`: the contract of issue 9. */
describe('cli roadshow schedule', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gv-roadshow-'));
  const file = (name: string, body: unknown) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(body));
    return path;
  };
  const example = {
    slot: { pitchMinutes: 8, qaMinutes: 7, changeoverMinutes: 5 },
    quorum: 3,
    seed: 'dg-2026',
    sessions: [
      {
        id: 'S1',
        room: 'R1',
        start: '2026-05-11T09:00',
        end: '2026-05-11T11:55',
        track: 'venture',
        judges: ['J1', 'J2', 'J3', 'J4'],
      },
    ],
    proposals: [
      {
        id: 'P1',
        organisation: 'O1',
        track: 'venture',
        unavailable: [{ start: '2026-05-11T13:00', end: '2026-05-11T18:00' }],
        conflicts: ['J2'],
      },
      { id: 'P9', organisation: 'O9', track: 'venture', unavailable: [], conflicts: ['J1', 'J2'] },
    ],
  };

  it('prints one JSON object and exits 0', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'roadshow',
      'schedule',
      file('ok.json', example),
      '--json',
    ]);
    const out = JSON.parse(stdout);
    expect(out).toMatchObject({
      assignments: [
        { proposal: 'P1', session: 'S1', start: '2026-05-11T09:00', end: '2026-05-11T09:15' },
      ],
      unplaced: [{ proposal: 'P9', reason: 'no_session_with_quorum' }],
      sessionsUsed: 1,
      seed: 'dg-2026',
    });
    expect(stdout.trim().split('\n')).toHaveLength(1);
  });

  it('exits non-zero on bad input, naming what clashes on stderr', async () => {
    const bad = {
      ...example,
      sessions: [
        ...example.sessions,
        {
          id: 'S2',
          room: 'R1',
          start: '2026-05-11T10:00',
          end: '2026-05-11T11:00',
          track: null,
          judges: ['J1'],
        },
      ],
    };
    const err = await run(process.execPath, [
      CLI,
      'roadshow',
      'schedule',
      file('bad.json', bad),
      '--json',
    ]).catch((e: { code: number; stdout: string; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stdout: string }).stdout).toBe('');
    expect((err as { stderr: string }).stderr).toContain(
      'room R1 double-booked: sessions S1 and S2 overlap',
    );
    expect((err as { stderr: string }).stderr).toContain(
      'judge J1 in two overlapping sessions: S1 and S2',
    );
  });
  it('prints a readable table without --json', async () => {
    const { stdout } = await run(process.execPath, [
      CLI,
      'roadshow',
      'schedule',
      file('table.json', example),
    ]);
    const lines = stdout.split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['date', 'start', 'end', 'session', 'room', 'proposal']);
    expect(lines[1].split(/\s+/)).toEqual(['2026-05-11', '09:00', '09:15', 'S1', 'R1', 'P1']);
    expect(stdout).toContain('not placed:\n  P9  no_session_with_quorum');
    expect(stdout).toContain('1 placed, 1 not placed; 1 session(s) used, lower bound 1 (optimal)');
  });

  it('gives the same schedule on every run', async () => {
    const path = file('again.json', example);
    const once = await run(process.execPath, [CLI, 'roadshow', 'schedule', path, '--json']);
    const twice = await run(process.execPath, [CLI, 'roadshow', 'schedule', path, '--json']);
    expect(twice.stdout).toBe(once.stdout);
  });

  it('exits 1 on a file it cannot read or parse, 2 on a wrong command line', async () => {
    const fail = (args: string[]) =>
      run(process.execPath, [CLI, 'roadshow', ...args]).then(
        () => ({ code: 0, stdout: '', stderr: '' }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{ "slot": ');
    const unparsable = await fail(['schedule', broken, '--json']);
    expect(unparsable).toMatchObject({ code: 1, stdout: '' });
    expect(unparsable.stderr).toContain('broken.json');
    expect(await fail(['schedule', join(dir, 'missing.json'), '--json'])).toMatchObject({
      code: 1,
      stdout: '',
    });
    for (const args of [['schedule'], ['plan', 'x.json'], ['schedule', 'x.json', '--csv']]) {
      const r = await fail(args);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toContain('usage: cli roadshow schedule FILE.json [--json]');
    }
  });
});
