import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { bearer, clearRedisPrefix, createTestApp, resetDatabase, TestApp } from '@gv/testing';
import { FuzzBody, RoleName, SIGNED_IN_ROLES } from './arbitraries';
import {
  countChanges,
  formatCounts,
  FuzzRequest,
  opSeed,
  Outcome,
  requestArb,
  rowCounts,
  send,
  Tally,
  violation,
} from './harness';
import { OpenApiDoc, Operation, operations } from './openapi-doc';

/**
 * Issue #15: every operation of the served OpenAPI document × generated bad input. No 5xx; every 4xx
 * has { statusCode, code, message, correlationId }; a refused request changes no row.
 *
 * npm test: FUZZ_RUNS=2000 requests with a fixed seed. npm run fuzz: FUZZ_RUNS=10000 with a new seed,
 * printed. Replay: FUZZ_SEED=<seed> FUZZ_RUNS=<runs> [FUZZ_OP='<regex on "METHOD /path">'] [FUZZ_SHRINK=1].
 */
const RUNS = Number(process.env['FUZZ_RUNS'] ?? 2000);
const SEED = process.env['FUZZ_SEED']
  ? Number(process.env['FUZZ_SEED'])
  : process.env['FUZZ_RUNS']
    ? Math.floor(Math.random() * 2 ** 31)
    : 20260315;
const ONLY = process.env['FUZZ_OP'] ? new RegExp(process.env['FUZZ_OP']) : undefined;
const SHRINK = process.env['FUZZ_SHRINK'] === '1';

type SignedIn = (typeof SIGNED_IN_ROLES)[number];

const ACCOUNTS: Record<SignedIn, string> = {
  admin: 'admin@dongguan.example.cn',
  staff: 'weiwan@dongguan.example.cn',
  org: 'org@dongguan.example.cn',
  judge: 'judge@dongguan.example.cn',
};

/**
 * Requests per operation after its 5 probes, more for those with more to vary (body, path, query);
 * at least 5 each.
 */
function runsPerOp(ops: Operation[]): Map<string, number> {
  const budget = RUNS - 5 * ops.length;
  const weight = (op: Operation) =>
    1 +
    (op.pathParams.length ? 1 : 0) +
    (op.query.length ? 1 : 0) +
    (op.body ? 3 : op.takesBody ? 1 : 0);
  const total = ops.reduce((s, op) => s + weight(op), 0);
  return new Map(ops.map((op) => [op.key, Math.max(5, Math.round((budget * weight(op)) / total))]));
}

function bodyLimitBytes(limit: string): number {
  const m = /^(\d+)(kb|mb)$/.exec(limit);
  if (!m) throw new Error(`BODY_LIMIT ${limit}`);
  return Number(m[1]) * (m[2] === 'mb' ? 1024 * 1024 : 1024);
}

describe('OpenAPI fuzz (MariaDB, full api)', () => {
  let t: TestApp;
  let base: string;
  let ops: Operation[];
  let ids: number[];
  const tokens: Record<RoleName, string> = {
    anon: '',
    badToken: 'fuzz-not-a-token',
    admin: '',
    staff: '',
    org: '',
    judge: '',
  };

  /** Ids of seeded rows of every table: path params and *Id fields pick from these. */
  async function seededIds(): Promise<number[]> {
    const found = new Set<number>();
    for (const m of t.ds.entityMetadatas) {
      if (!m.findColumnWithPropertyName('id')) continue;
      const rows = (await t.ds.query(
        `SELECT id FROM ${t.ds.driver.escape(m.tableName)} ORDER BY id LIMIT 40`,
      )) as { id: number | string }[];
      for (const r of rows) found.add(Number(r.id));
    }
    return [...found].filter((n) => Number.isSafeInteger(n) && n > 0).sort((a, b) => a - b);
  }

  async function signIn(role: SignedIn): Promise<void> {
    try {
      tokens[role] = await bearer(t.http, ACCOUNTS[role]);
    } catch {
      // Blocked by the fuzzed failed sign-ins: clear the counters and try again.
      await clearRedisPrefix(t.config);
      tokens[role] = await bearer(t.http, ACCOUNTS[role]);
    }
  }

  /** Signs in again where a token was revoked; starts over from the seed if an account was spoilt. */
  async function ensureTokens(): Promise<void> {
    for (const role of SIGNED_IN_ROLES) {
      const me = await t.http.get('/api/v1/me').set('Authorization', `Bearer ${tokens[role]}`);
      if (me.status === 200) continue;
      try {
        await signIn(role);
      } catch {
        await resetDatabase(t.ds, t.config);
        for (const r of SIGNED_IN_ROLES) await signIn(r);
        ids = await seededIds();
        return;
      }
    }
  }

  beforeAll(async () => {
    t = await createTestApp({
      SIGNUPS_PER_IP_PER_HOUR: '100000',
      LOGIN_MAX_FAILURES: '100',
      LOGIN_MAX_FAILURES_PER_IP: '100000',
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    await resetDatabase(t.ds, t.config);
    for (const role of SIGNED_IN_ROLES) await signIn(role);
    ids = await seededIds();
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDoc;
    ops = operations(doc).filter((op) => !ONLY || ONLY.test(op.key));
  });
  afterAll(async () => {
    await t?.close();
  });

  it(
    'answers every operation × bad input without 5xx, with the error body, changing no row when it refuses',
    async () => {
      const started = Date.now();
      const limit = bodyLimitBytes(t.config.BODY_LIMIT);
      const runs = runsPerOp(ops);
      const tally = new Tally();
      const failures: string[] = [];
      expect(ops.length).toBeGreaterThan(0);
      let counts = await rowCounts(t.ds);

      /** Sends one request and throws what is wrong with the answer (and the request, to replay it). */
      async function exercise(req: FuzzRequest): Promise<Outcome> {
        let o: Outcome;
        try {
          o = await send(base, req, tokens, limit);
        } catch (err) {
          tally.add(req, 0);
          throw new Error(`no answer (${(err as Error).message})\n    ${req.describe()}`, {
            cause: err,
          });
        }
        tally.add(req, o.status, o.body);
        const bad = violation(o);
        if (bad) throw new Error(`${bad}: ${o.text.slice(0, 500)}\n    ${req.describe()}`);
        const after = await rowCounts(t.ds);
        const changed = countChanges(counts, after);
        counts = after;
        if (o.status >= 400 && changed.length)
          throw new Error(
            `refused with ${o.status} but changed rows (${changed.join(', ')})\n    ${req.describe()}`,
          );
        if (req.op === 'DELETE /api/v1/auth/token' && o.status < 300) {
          await ensureTokens();
          counts = await rowCounts(t.ds);
        }
        return o;
      }

      /** The callers an operation accepts: those not answered 401/403 for id 0 and an invalid body. */
      async function probe(op: Operation): Promise<RoleName[]> {
        const allowed: RoleName[] = [];
        for (const role of ['anon', ...SIGNED_IN_ROLES] as RoleName[]) {
          const body: FuzzBody = op.body
            ? { kind: 'json', label: 'probe', text: '{"fuzzProbe":1}' }
            : { kind: 'none' };
          const path = op.path.replace(/\{[^}]+\}/g, '0');
          const o = await exercise(
            new FuzzRequest(op.key, op.method, path, role, {}, body, 'probe'),
          );
          if (o.status !== 401 && o.status !== 403) allowed.push(role);
        }
        return allowed;
      }

      for (const op of ops) {
        try {
          const allowed = await probe(op);
          await fc.assert(
            fc.asyncProperty(requestArb(op, ids, allowed), async (req) => {
              await exercise(req);
            }),
            {
              seed: opSeed(SEED, op.key),
              numRuns: runs.get(op.key),
              endOnFailure: !SHRINK,
              includeErrorInReport: true,
            },
          );
        } catch (err) {
          // fast-check's report names the request; anything else (the fuzzer's own bug) needs its stack.
          const e = err as Error;
          const text = e.message.startsWith('Property failed') ? e.message : String(e.stack);
          failures.push(`${op.key}\n  ${text.replace(/\n/g, '\n  ')}`);
        }
        await ensureTokens();
        counts = await rowCounts(t.ds);
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const fiveXx = [...tally.statuses].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
      console.info(
        [
          `OpenAPI fuzz: seed=${SEED} runs=${RUNS}${ONLY ? ` op=${ONLY}` : ''}`,
          `requests=${tally.requests} operations=${tally.perOp.size}/${ops.length} 5xx=${fiveXx} seconds=${seconds}`,
          `statuses: ${formatCounts(tally.statuses)}`,
          `bad part: ${formatCounts(tally.faults)}`,
          `4xx codes: ${formatCounts(tally.codes)}`,
          `bodies: ${formatCounts(tally.kinds)}`,
          ...[...tally.perOp].map(
            ([key, s]) => `  ${key}: ${s.requests} (${formatCounts(s.statuses)})`,
          ),
          failures.length
            ? `${failures.length} failing operation(s); replay: FUZZ_SEED=${SEED} FUZZ_RUNS=${RUNS} FUZZ_OP='<operation>'`
            : 'no failures',
        ].join('\n'),
      );
      expect(failures).toEqual([]);
      expect(tally.perOp.size).toBe(ops.length);
    },
    Math.max(900_000, RUNS * 400),
  );
});
