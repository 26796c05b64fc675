import fc from 'fast-check';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import {
  badBodyArb,
  badHeadersArb,
  badQueryArb,
  badRoleArb,
  badSegmentArb,
  FuzzBody,
  goodBodyArb,
  goodHeadersArb,
  goodQueryArb,
  goodRoleArb,
  goodSegmentArb,
  RoleName,
} from './arbitraries';
import { Operation } from './openapi-doc';

/** One generated request. Printed (shortened) when it fails, so it can be sent again by hand. */
export class FuzzRequest {
  constructor(
    readonly op: string,
    readonly method: Operation['method'],
    readonly url: string,
    readonly role: RoleName,
    readonly headers: Record<string, string>,
    readonly body: FuzzBody,
    readonly fault: Fault = 'none',
  ) {}

  get kind(): string {
    const b = this.body;
    return b.kind === 'json' || b.kind === 'raw' ? `${b.kind}:${b.label}` : b.kind;
  }

  describe(): string {
    const b = this.body;
    const body =
      b.kind === 'json' || b.kind === 'raw'
        ? `${b.kind === 'raw' ? `${b.contentType}${b.encoding ? ` (${b.encoding})` : ''} ` : ''}${short(b.text)}`
        : b.kind === 'multipart'
          ? `multipart ${b.field}=${JSON.stringify(b.filename)} ${b.contentType} ${short(b.content)}`
          : b.kind === 'oversized'
            ? `oversized ${b.contentType}`
            : '(no body)';
    return `${this.method.toUpperCase()} ${short(this.url, 400)} as ${this.role} ${JSON.stringify(this.headers)} [bad ${this.fault}; ${this.kind}] ${body}`;
  }

  [fc.toStringMethod](): string {
    return this.describe();
  }
}

function short(s: string, max = 600): string {
  const json = JSON.stringify(s);
  return json.length <= max
    ? json
    : `${json.slice(0, max)}… (${s.length} chars, ${Buffer.byteLength(s)} bytes)`;
}

/**
 * Which part of a request is bad; `none` sends a plausible request (which may be accepted); `probe`
 * asks which callers an operation takes (id 0, a body with only an unknown field).
 */
export type Fault = 'none' | 'path' | 'query' | 'body' | 'auth' | 'headers' | 'several' | 'probe';

function faultArb(op: Operation): fc.Arbitrary<Fault> {
  const w: [Fault, number][] = [
    ['none', 2],
    ['path', op.pathParams.length ? 3 : 0],
    ['query', 2],
    ['body', op.body ? 8 : op.takesBody ? 2 : 0],
    ['auth', 1],
    ['headers', 1],
    ['several', 2],
  ];
  return fc.oneof(
    ...w.filter(([, n]) => n > 0).map(([f, n]) => ({ weight: n, arbitrary: fc.constant(f) })),
  );
}

/**
 * Requests for one operation: mostly one part bad and the rest plausible (a real id, a caller the
 * operation accepts, the document's sample body), so the bad part reaches the code behind it.
 */
export function requestArb(
  op: Operation,
  ids: readonly number[],
  allowed: readonly RoleName[],
): fc.Arbitrary<FuzzRequest> {
  const params = (seg: fc.Arbitrary<string>) => fc.tuple(...op.pathParams.map(() => seg));
  return (
    fc
      .record({
        fault: faultArb(op),
        // With `several`, each part is bad or not by its own flip.
        flips: fc.array(fc.boolean(), { minLength: 5, maxLength: 5 }),
        params: params(goodSegmentArb(ids)),
        badParams: params(fc.oneof(badSegmentArb, goodSegmentArb(ids))),
        query: goodQueryArb(op, ids),
        badQuery: badQueryArb(op, ids),
        role: goodRoleArb(allowed),
        badRole: badRoleArb(allowed),
        headers: goodHeadersArb,
        badHeaders: badHeadersArb,
        body: goodBodyArb(op, ids),
        badBody: badBodyArb(op, ids),
      })
      // Node answers a request line over 16 KB with a bare 431 before the app sees it.
      .filter((r) => r.badQuery.length + r.badParams.join('').length < 12_000)
      .map((r) => {
        const bad = (part: Fault, i: number) =>
          r.fault === part || (r.fault === 'several' && r.flips[i]);
        const ps = bad('path', 0) ? r.badParams : r.params;
        const query = bad('query', 1) ? r.badQuery : r.query;
        let i = 0;
        const path = op.path.replace(/\{[^}]+\}/g, () => ps[i++]);
        return new FuzzRequest(
          op.key,
          op.method,
          query ? `${path}?${query}` : path,
          bad('auth', 2) ? r.badRole : r.role,
          bad('headers', 3) ? r.badHeaders : r.headers,
          bad('body', 4) && (op.body || op.takesBody) ? r.badBody : r.body,
          r.fault,
        );
      })
  );
}

export interface Outcome {
  status: number;
  body: unknown;
  text: string;
}

/** Sends a request to the listening app; the bearer token comes from `tokens` by role. */
export async function send(
  base: string,
  req: FuzzRequest,
  tokens: Record<RoleName, string>,
  bodyLimitBytes: number,
): Promise<Outcome> {
  let r = request(base)
    [req.method](req.url)
    .ok(() => true)
    .timeout({ response: 60_000, deadline: 120_000 });
  if (req.role !== 'anon') r = r.set('Authorization', `Bearer ${tokens[req.role]}`);
  for (const [k, v] of Object.entries(req.headers)) r = r.set(k, v);
  const b = req.body;
  switch (b.kind) {
    case 'json':
      r = r.set('Content-Type', 'application/json').send(b.text);
      break;
    case 'raw':
      if (b.encoding) r = r.set('Content-Encoding', b.encoding);
      r = r.set('Content-Type', b.contentType).send(Buffer.from(b.text));
      break;
    case 'multipart':
      r = r.attach(b.field, Buffer.from(b.content), {
        filename: b.filename,
        contentType: b.contentType,
      });
      break;
    case 'oversized': {
      const fill = 'x'.repeat(bodyLimitBytes + 16 * 1024);
      r = r
        .set('Content-Type', b.contentType)
        .send(Buffer.from(b.contentType === 'application/json' ? `{"a":"${fill}"}` : `a=${fill}`));
      break;
    }
  }
  const res = await r;
  return { status: res.status, body: res.body as unknown, text: res.text ?? '' };
}

/** Why a response breaks the rules, or undefined: no 5xx; every 4xx has the platform's error body. */
export function violation(o: Outcome): string | undefined {
  if (o.status >= 500) return `answered ${o.status}`;
  if (o.status < 400) return undefined;
  const b = o.body as Record<string, unknown> | null;
  const ok =
    b !== null &&
    typeof b === 'object' &&
    b['statusCode'] === o.status &&
    typeof b['code'] === 'string' &&
    b['code'] !== '' &&
    typeof b['message'] === 'string' &&
    b['message'] !== '' &&
    typeof b['correlationId'] === 'string' &&
    b['correlationId'] !== '';
  return ok ? undefined : `answered ${o.status} without {statusCode, code, message, correlationId}`;
}

/** Row counts of every table of the schema (entities and join tables), one query. */
export async function rowCounts(ds: DataSource): Promise<Record<string, number>> {
  const tables = [...new Set(ds.entityMetadatas.map((m) => m.tableName))].sort();
  const q = (t: string) => ds.driver.escape(t);
  const row = (
    await ds.query(
      `SELECT ${tables.map((t, i) => `(SELECT COUNT(*) FROM ${q(t)}) AS c${i}`).join(', ')}`,
    )
  )[0] as Record<string, unknown>;
  return Object.fromEntries(tables.map((t, i) => [t, Number(row[`c${i}`])]));
}

/** The tables whose count changed, as `table: before → after`. */
export function countChanges(
  before: Record<string, number>,
  after: Record<string, number>,
): string[] {
  return Object.keys(after)
    .filter((t) => before[t] !== after[t])
    .map((t) => `${t}: ${before[t]} → ${after[t]}`);
}

/** Totals printed at the end of a run. */
export class Tally {
  readonly statuses = new Map<number, number>();
  readonly kinds = new Map<string, number>();
  readonly faults = new Map<string, number>();
  /** The error codes of the 4xx answers. */
  readonly codes = new Map<string, number>();
  readonly perOp = new Map<string, { requests: number; statuses: Map<number, number> }>();
  requests = 0;

  add(req: FuzzRequest, status: number, body?: unknown): void {
    this.requests++;
    const code = (body as { code?: unknown } | null)?.code;
    if (status >= 400) inc(this.codes, typeof code === 'string' ? code : '(none)');
    inc(this.statuses, status);
    inc(this.kinds, req.kind.replace(/:.*\+.*/, ':several'));
    inc(this.faults, req.fault);
    const op = this.perOp.get(req.op) ?? { requests: 0, statuses: new Map<number, number>() };
    op.requests++;
    inc(op.statuses, status);
    this.perOp.set(req.op, op);
  }
}

function inc<K>(m: Map<K, number>, k: K): void {
  m.set(k, (m.get(k) ?? 0) + 1);
}

export function formatCounts<K>(m: Map<K, number>): string {
  return [...m.entries()]
    .sort(([a], [b]) => String(a).localeCompare(String(b)))
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
}

/** A seed per operation from the run's seed, so FUZZ_OP can replay one operation alone. */
export function opSeed(seed: number, key: string): number {
  let h = 2166136261 ^ seed;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 16777619);
  return h | 0;
}
