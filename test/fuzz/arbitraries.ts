import fc from 'fast-check';
import { makeSocialOrgUscc } from '@gv/core';
import { enumValues, Operation } from './openapi-doc';

/** A JSON token written as is: numbers JSON.stringify cannot produce (1e999, 30-digit integers). */
export class RawJson {
  constructor(readonly text: string) {}
}

/** JSON text of a generated value (RawJson tokens verbatim; `__proto__` as an ordinary key). */
export function toJson(v: unknown): string {
  if (v instanceof RawJson) return v.text;
  if (Array.isArray(v)) return `[${v.map(toJson).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.keys(v)
      .map((k) => `${JSON.stringify(k)}:${toJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}

/** Percent-encodes UTF-8 like encodeURIComponent, but never throws (a lone surrogate becomes U+FFFD). */
export function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')]
    .map((b) =>
      /[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b))
        ? String.fromCharCode(b)
        : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
}

const SQL_HTML = [
  "' OR '1'='1",
  "'; DROP TABLE users; --",
  '" OR ""="',
  '1; SELECT SLEEP(5)',
  "1' UNION SELECT password_hash FROM users --",
  '\\',
  "\\'",
  '%',
  '_',
  '%_%',
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '"><svg/onload=alert(1)>',
  '{{constructor.constructor("return 1")()}}',
  '{{#each this}}{{/each}}',
  '${7*7}',
  '../../../../etc/passwd',
  'javascript:alert(1)',
  '=HYPERLINK("http://x","y")',
  '+1+1',
  '@SUM(1)',
  '\r\nSet-Cookie: x=1',
  'null',
  'undefined',
  'NaN',
  'true',
  '[]',
  '{}',
  '0x10',
  '1e3',
  ' 1',
  '+1',
  '-0',
  '2026-02-30',
  '2026-13-01T25:61',
  '0000-00-00',
  '9999-12-31T23:59',
];

const ODD_UNICODE = [
  '\uD800',
  '\uDFFF',
  'a\uDC00b',
  '\u202Eevil\u202C',
  '\u200B',
  '\u200B\u200C\u200D\uFEFF',
  '\u0000',
  'a\u0000b',
  '👩‍👩‍👧‍👦',
  '🏳️‍🌈',
  '𠜎𠜱𠝹',
  'e\u0301\u0301\u0301\u0301',
  'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǧ̗͚̚o̙̔ͮ̇͐̇',
  '\u2028\u2029',
  '\t\n\r\v\f',
  '\u00A0\u3000',
  '\uFFFF\uFFFE',
  '\uFFFD',
  'ＡＢＣ１２３',
  '١٢٣',
  'İıß',
  'ﷺ',
  '\u{10FFFF}',
];

/** Lengths around the usual column and validator limits, up to 100 000 characters. */
const LENGTHS = [
  31, 32, 33, 50, 51, 64, 65, 100, 101, 120, 121, 128, 129, 200, 201, 255, 256, 257, 500, 501, 1000,
  1001, 2000, 2001, 4000, 4001, 5000, 5001, 10_000, 20_001, 65_535, 65_536, 100_000,
];

function repeated(lengths: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc
    .tuple(fc.constantFrom('a', '汉', '𠜎', '👩‍👩‍👧‍👦', '\u200B', '\u202E', "'", '<', 'e\u0301'), lengths)
    .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n));
}

export const longString = repeated(
  fc.oneof(fc.constantFrom(...LENGTHS), fc.integer({ min: 256, max: 100_000 })),
);

export const oddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', ...SQL_HTML, ...ODD_UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.constantFrom(...ODD_UNICODE), fc.constantFrom(...SQL_HTML))
      .map(([u, s]) => `${u}${s}${u}`),
  },
  { weight: 2, arbitrary: longString },
);

/** Short strings only (path segments, query values, keys). */
export const shortOddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('', ' ', ...SQL_HTML, ...ODD_UNICODE) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
);

/**
 * Strings for the URL: Node answers a request line over 16 KB with a bare 431 before the app sees it,
 * so query values stay below about 1 000 characters (9 000 once percent-encoded).
 */
export const urlOddString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: shortOddString },
  { weight: 1, arbitrary: repeated(fc.constantFrom(31, 32, 33, 64, 65, 100, 101, 255, 256, 1000)) },
);

export const extremeNumber: fc.Arbitrary<number> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      0,
      -0,
      -1,
      1,
      0.5,
      -0.5,
      1e-7,
      1e300,
      -1e300,
      2 ** 31 - 1,
      2 ** 31,
      2 ** 32,
      2 ** 53 - 1,
      2 ** 53 + 2,
      -(2 ** 53),
      Number.MAX_VALUE,
      Number.MIN_VALUE,
      999_999_999,
      1e9,
      1e10,
    ),
  },
  { weight: 1, arbitrary: fc.integer() },
  { weight: 1, arbitrary: fc.maxSafeInteger() },
  { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
);

export const rawNumber: fc.Arbitrary<RawJson> = fc
  .constantFrom(
    '1e999',
    '-1e999',
    '123456789012345678901234567890',
    '-123456789012345678901234567890',
    '1E+2',
    '-0.0',
    '1e-400',
    '1.0',
  )
  .map((t) => new RawJson(t));

export const weirdKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '__proto__',
    'constructor',
    'prototype',
    'toString',
    'hasOwnProperty',
    '',
    ' ',
    'id',
    'createdAt',
    'passwordHash',
    'role',
    'status',
    'version',
    'organisationId',
    'userId',
    '$where',
    'a.b',
    'a[b]',
    '_csrf',
  ),
  fc.string({ unit: 'binary', maxLength: 12 }),
);

export const scalarJunk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: oddString },
  { weight: 3, arbitrary: extremeNumber },
  { weight: 1, arbitrary: rawNumber },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constant(null) },
);

const smallScalar = fc.oneof(
  extremeNumber,
  fc.constantFrom<unknown>('a', '1', '', null, true, '\uD800'),
);

function nest(depth: number, leaf: unknown, asArray: boolean): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** Any bad value: odd scalars, containers, deep nesting, big arrays. */
export const junk: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: scalarJunk },
  { weight: 2, arbitrary: fc.array(scalarJunk, { maxLength: 6 }) },
  { weight: 2, arbitrary: fc.dictionary(weirdKey, scalarJunk, { maxKeys: 4 }) },
  { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 20, max: 300 }), smallScalar, fc.boolean())
      .map(([d, leaf, arr]) => nest(d, leaf, arr)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 100, max: 5000 }), smallScalar)
      .map(([n, x]) => Array<unknown>(n).fill(x)),
  },
);

/** The same value in another JSON type (or shape) than the document's sample has. */
function wrongTypeFor(v: unknown): fc.Arbitrary<unknown> {
  if (typeof v === 'number')
    return fc.constantFrom<unknown>(String(v), `${v}abc`, [v], { value: v }, true, null, '', '１');
  if (typeof v === 'string')
    return fc.constantFrom<unknown>(1, 0, -1, [v], [v, v], { value: v }, true, null, ` ${v} `);
  if (typeof v === 'boolean')
    return fc.constantFrom<unknown>('true', 'false', 1, 0, 'yes', null, [v]);
  if (Array.isArray(v))
    return fc.constantFrom<unknown>(
      v[0] ?? null,
      [],
      [v],
      [null],
      v.map((x) => (typeof x === 'string' ? 1 : String(x))),
      Object.fromEntries(v.map((x, i) => [i, x])),
      toJson(v),
    );
  return fc.constantFrom<unknown>([v], toJson(v), null, 'object', 1);
}

type Path = (string | number)[];

/** Every path of a JSON value (object keys, the items of arrays), parents first. */
function pathsOf(v: unknown, at: Path = []): { path: Path; value: unknown }[] {
  const out = [{ path: at, value: v }];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...pathsOf(x, [...at, i])));
  else if (v !== null && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) out.push(...pathsOf(x, [...at, k]));
  return out;
}

/** A copy of `root` with `fn` applied at `path` (nothing is changed in place: generated values are shared). */
function updateAt(root: unknown, path: Path, fn: (v: unknown) => unknown): unknown {
  if (!path.length) return fn(root);
  const [head, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const v = updateAt(copy[head as number], rest, fn);
    if (v === DELETE) copy.splice(head as number, 1);
    else copy[head as number] = v;
    return copy;
  }
  if (root !== null && typeof root === 'object') {
    const copy: Record<string, unknown> = {};
    for (const k of Object.keys(root)) defineKey(copy, k, (root as Record<string, unknown>)[k]);
    const v = updateAt(copy[head as string], rest, fn);
    if (v === DELETE) delete copy[head as string];
    else defineKey(copy, head as string, v);
    return copy;
  }
  return root;
}

const DELETE = Symbol('delete');

/** Sets a key as an own property (`__proto__` too, as JSON.parse would). */
function defineKey(o: Record<string, unknown>, k: string, v: unknown): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

type Mutation =
  | { op: 'set'; path: Path; value: unknown }
  | { op: 'delete'; path: Path }
  | { op: 'duplicate'; path: Path }
  | { op: 'addKey'; path: Path; key: string; value: unknown };

function applyMutation(root: unknown, m: Mutation): unknown {
  switch (m.op) {
    case 'set':
      return updateAt(root, m.path, () => m.value);
    case 'delete':
      return updateAt(root, m.path, () => DELETE);
    case 'duplicate':
      return updateAt(root, m.path, (v) => (Array.isArray(v) ? [...v, ...v, ...v] : [v, v]));
    case 'addKey':
      return updateAt(root, m.path, (v) => {
        if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
        const copy: Record<string, unknown> = { ...v };
        defineKey(copy, m.key, m.value);
        return copy;
      });
  }
}

function mutationsFor(baseline: unknown): fc.Arbitrary<Mutation> {
  const all = pathsOf(baseline);
  const leaves = all.filter((p) => p.path.length > 0);
  const objects = all.filter(
    (p) => p.value !== null && typeof p.value === 'object' && !Array.isArray(p.value),
  );
  const arrays = leaves.filter((p) => Array.isArray(p.value));
  const pick = <T>(xs: T[]) => fc.constantFrom(...xs);
  const options: fc.WeightedArbitrary<Mutation>[] = [];
  if (leaves.length) {
    options.push(
      {
        weight: 4,
        arbitrary: pick(leaves).chain(({ path, value }) =>
          fc.oneof(wrongTypeFor(value), junk).map((v): Mutation => ({ op: 'set', path, value: v })),
        ),
      },
      {
        weight: 2,
        arbitrary: pick(leaves).map(({ path }): Mutation => ({ op: 'delete', path })),
      },
    );
  }
  if (arrays.length)
    options.push({
      weight: 2,
      arbitrary: pick(arrays).map(({ path }): Mutation => ({ op: 'duplicate', path })),
    });
  if (objects.length)
    options.push({
      weight: 1,
      arbitrary: fc
        .tuple(pick(objects), weirdKey, junk)
        .map(([{ path }, key, value]): Mutation => ({ op: 'addKey', path, key, value })),
    });
  options.push({
    weight: 1,
    arbitrary: junk.map((value): Mutation => ({ op: 'set', path: [], value })),
  });
  return fc.oneof(...options);
}

/** Values that pass the DTO's type checks, so mutated requests get past validation into the services. */
function plausible(
  name: string,
  value: unknown,
  ids: readonly number[],
): fc.Arbitrary<unknown> | undefined {
  if (Array.isArray(value) && /Ids$/.test(name))
    return fc.uniqueArray(fc.constantFrom(...ids), { minLength: 1, maxLength: 4 });
  if (typeof value === 'number' && /(^id|Id|^a|^b)$/.test(name)) return fc.constantFrom(...ids);
  if (typeof value === 'number')
    return value > 0
      ? fc.oneof(fc.constant(value), fc.integer({ min: 1, max: 50 }))
      : fc.integer({ min: 1, max: 50 });
  if (/creditCode/.test(name)) return fc.nat(999_999).map((n) => makeSocialOrgUscc(n));
  if (value === 'string' || value === '') {
    if (/email/i.test(name)) return fc.nat(99_999).map((n) => `fuzz${n}@example.cn`);
    if (/On$/.test(name))
      return fc
        .date({ min: new Date('2024-01-01'), max: new Date('2029-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    if (/(At|Deadline|^start|^end)$/.test(name))
      return fc
        .date({ min: new Date('2024-01-01'), max: new Date('2029-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 16));
    if (/phone/i.test(name)) return fc.constantFrom('0536-8123456', '13800138000');
    return fc.constantFrom('东关街道', 'fuzz', '苇湾社区');
  }
  return undefined;
}

/** The sampled body with plausible values filled in here and there (ids of seeded rows, dates, emails). */
function filledBaseline(baseline: unknown, ids: readonly number[]): fc.Arbitrary<unknown> {
  const fills = pathsOf(baseline)
    .filter((p) => p.path.length > 0)
    .flatMap(({ path, value }) => {
      const name = String([...path].reverse().find((x) => typeof x === 'string') ?? '');
      const arb = plausible(name, value, ids);
      return arb
        ? [
            fc.option(
              arb.map((v) => ({ path, v })),
              // Mostly filled: with one field left as sampled the whole body is refused.
              { nil: undefined, freq: 20 },
            ),
          ]
        : [];
    });
  return fc
    .tuple(...fills)
    .map((xs) =>
      xs.reduce((body, x) => (x ? updateAt(body, x.path, () => x.v) : body), baseline as unknown),
    );
}

/** What a request sends. Oversized bodies are made when sent (they are big). */
export type FuzzBody =
  | { kind: 'none' }
  | { kind: 'json'; label: string; text: string }
  | { kind: 'raw'; label: string; contentType: string; text: string; encoding?: string }
  | { kind: 'multipart'; field: string; filename: string; contentType: string; content: string }
  | { kind: 'oversized'; contentType: 'application/json' | 'application/x-www-form-urlencoded' };

const MALFORMED_JSON = [
  '{',
  '}',
  '{"a":1',
  '{"a":}',
  "{'a':1}",
  '[1,2,]',
  '{"a":1,}',
  'undefined',
  'NaN',
  '{"a":NaN}',
  '{"a":Infinity}',
  '{"a":-Infinity}',
  '\u0000',
  '"unterminated',
  '{"a":"\\x41"}',
  '{"a":"\\u12"}',
  '{"a":"\\ud800"}',
  '\uFEFF{}',
  '{}{}',
  '{"a":1} x',
  '{"a" 1}',
  '{"a":{"b":{"c":',
  '[',
  '[]',
  'null',
  'true',
  '0',
  '"text"',
  '1e999',
  '',
  ' ',
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"a":1,"a":2}',
];

const CONTENT_TYPES = [
  'text/plain',
  'application/xml',
  'application/json; charset=utf-16',
  'application/json; charset=koi8-r',
  'application/json; charset=utf-8',
  'multipart/form-data; boundary=zz',
  'multipart/form-data',
  'application/octet-stream',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded; charset=utf-16',
  '*/*',
  'json',
];

const FORM_KEYS = [
  'a[b][c]',
  'a[]',
  'a[0][b]',
  '__proto__[polluted]',
  'constructor[prototype][polluted]',
  'a[b][c][d][e][f][g][h]',
  '_csrf',
];

function formBody(keys: string[]): fc.Arbitrary<FuzzBody> {
  const key = fc.oneof(fc.constantFrom(...keys, ...FORM_KEYS), shortOddString);
  const value = fc.oneof(shortOddString, extremeNumber.map(String));
  return fc
    .oneof(
      fc
        .array(fc.tuple(key, value), { maxLength: 8 })
        .map((pairs) => pairs.map(([k, v]) => `${pct(k)}=${pct(v)}`).join('&')),
      // Beyond the parser's parameterLimit (2000), and keys without values.
      fc
        .integer({ min: 1990, max: 2100 })
        .map((n) => Array.from({ length: n }, (_, i) => `k${i}=${i}`).join('&')),
      fc.constantFrom('%', '%ZZ', '=&=&', 'a=%E0%A4%A', '&&&', 'a'.repeat(5000)),
    )
    .map((text): FuzzBody => ({
      kind: 'raw',
      label: 'form',
      contentType: 'application/x-www-form-urlencoded',
      text,
    }));
}

/** A body that should pass validation: the document's sample with plausible values (or none). */
export function goodBodyArb(op: Operation, ids: readonly number[]): fc.Arbitrary<FuzzBody> {
  if (op.body)
    return filledBaseline(op.body.baseline, ids).map((body): FuzzBody => ({
      kind: 'json',
      label: 'sample',
      text: toJson(body),
    }));
  if (op.multipart)
    return fc.constantFrom('plan.pdf', '项目计划书.pdf').map((filename): FuzzBody => ({
      kind: 'multipart',
      field: 'file',
      filename,
      contentType: 'application/pdf',
      content: '%PDF-1.4\n%%EOF\n',
    }));
  return fc.constant<FuzzBody>({ kind: 'none' });
}

/** Bad bodies for an operation with a JSON request body: the sample mutated, plus broken payloads. */
export function badBodyArb(op: Operation, ids: readonly number[]): fc.Arbitrary<FuzzBody> {
  if (!op.body) return actionBodyArb();
  const baseline = op.body.baseline;
  const keys =
    baseline !== null && typeof baseline === 'object' ? Object.keys(baseline) : ['a', 'b'];
  const mutated = fc
    .tuple(
      filledBaseline(baseline, ids),
      fc.array(mutationsFor(baseline), { minLength: 1, maxLength: 3 }),
    )
    .map(([start, ms]): FuzzBody => ({
      kind: 'json',
      label: ms.map((m) => m.op).join('+'),
      text: toJson(ms.reduce(applyMutation, start)),
    }));
  const malformed = fc.constantFrom(...MALFORMED_JSON).map((text): FuzzBody => ({
    kind: 'raw',
    label: 'malformed',
    contentType: 'application/json',
    text,
  }));
  const deep = fc
    .tuple(fc.constantFrom(...keys), fc.integer({ min: 30, max: 100_000 }), fc.boolean())
    .map(([k, d, closed]): FuzzBody => ({
      kind: 'raw',
      label: 'deep',
      contentType: 'application/json',
      text: `{${JSON.stringify(k)}:${'['.repeat(d)}${closed ? ']'.repeat(d) : ''}}`,
    }));
  const wrongType = fc
    .tuple(
      fc.constantFrom(...CONTENT_TYPES),
      fc.oneof(fc.constant(toJson(baseline)), shortOddString),
    )
    .map(([contentType, text]): FuzzBody => ({
      kind: 'raw',
      label: 'content-type',
      contentType,
      text,
    }));
  const encoded = fc
    .tuple(fc.constantFrom('gzip', 'deflate', 'br', 'compress', 'x-unknown'), shortOddString)
    .map(([encoding, text]): FuzzBody => ({
      kind: 'raw',
      label: 'content-encoding',
      contentType: 'application/json',
      text,
      encoding,
    }));
  return fc.oneof(
    { weight: 24, arbitrary: mutated },
    { weight: 2, arbitrary: malformed },
    { weight: 1, arbitrary: deep },
    { weight: 2, arbitrary: wrongType },
    { weight: 2, arbitrary: formBody(keys) },
    { weight: 1, arbitrary: encoded },
    { weight: 1, arbitrary: fc.constant<FuzzBody>({ kind: 'none' }) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('application/json' as const, 'application/x-www-form-urlencoded' as const)
        .map((contentType): FuzzBody => ({ kind: 'oversized', contentType })),
    },
  );
}

/** Bad bodies for actions without a documented body (and for the multipart upload). */
export function actionBodyArb(): fc.Arbitrary<FuzzBody> {
  const multipart = fc
    .record({
      field: fc.constantFrom('file', 'file', 'files', 'attachment', ''),
      filename: fc.oneof(
        fc.constantFrom(
          'plan.pdf',
          '报告.pdf',
          '../../etc/passwd',
          'a.pdf.exe',
          '.pdf',
          'CON',
          '\u202Efdp.exe',
          `${'a'.repeat(300)}.pdf`,
          'x".pdf',
          'budget.xlsx',
          'photo.png',
        ),
        shortOddString.map((s) => `${s}.pdf`),
      ),
      contentType: fc.constantFrom(
        'application/pdf',
        'image/png',
        'text/html',
        'application/x-msdownload',
        'application/octet-stream',
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      ),
      content: fc.oneof(
        fc.constantFrom(
          '%PDF-1.4\n%%EOF\n',
          '\x89PNG\r\n\x1a\n',
          'MZ\x90\x00',
          '<html></html>',
          '',
        ),
        oddString,
      ),
    })
    .map((m): FuzzBody => ({ kind: 'multipart', ...m }));
  return fc.oneof(
    {
      weight: 3,
      arbitrary: junk.map((v): FuzzBody => ({ kind: 'json', label: 'junk', text: toJson(v) })),
    },
    { weight: 3, arbitrary: multipart },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...MALFORMED_JSON).map((text): FuzzBody => ({
        kind: 'raw',
        label: 'malformed',
        contentType: 'application/json',
        text,
      })),
    },
    {
      weight: 1,
      arbitrary: fc.constant<FuzzBody>({ kind: 'oversized', contentType: 'application/json' }),
    },
  );
}

const ODD_SEGMENTS = [
  '0',
  '-1',
  '1e300',
  'abc',
  '99999999999999999999',
  '9'.repeat(400),
  '2147483648',
  '4294967296',
  '9007199254740993',
  '1.5',
  '01',
  '%201',
  '1%20',
  '0x1A',
  '%EF%BC%91',
  'null',
  'undefined',
  'NaN',
  'Infinity',
  '-0',
  '1%3BDROP%20TABLE%20users',
  '%',
  '%ZZ',
  '%E0%A4%A',
  '%00',
  '1%00',
  '%F0%9F%92%A9',
  '%2e%2e',
  '..',
  '%2F',
  '',
];

/** A real id, as a path segment: ids 1–6 exist in nearly every table after the seed. */
export function goodSegmentArb(ids: readonly number[]): fc.Arbitrary<string> {
  return fc
    .oneof({ weight: 3, arbitrary: fc.integer({ min: 1, max: 6 }) }, fc.constantFrom(...ids))
    .map(String);
}

/** A path segment that is no id (already URL-encoded): 0, -1, 1e300, huge, junk, broken escapes. */
export const badSegmentArb: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ODD_SEGMENTS) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.bigInt().map(String) },
  { weight: 2, arbitrary: shortOddString.map(pct) },
);

function queryNames(op: Operation): string[] {
  return [
    ...new Set([
      ...op.query.map((q) => q.name),
      ...(op.method === 'get' ? ['page', 'pageSize'] : []),
    ]),
  ];
}

function goodQueryValue(op: Operation, name: string, ids: readonly number[]) {
  const enums = enumValues(op.query.find((q) => q.name === name)?.schema ?? {});
  if (enums.length) return fc.constantFrom(...enums);
  if (name === 'page' || name === 'pageSize') return fc.integer({ min: 1, max: 100 }).map(String);
  if (name === 'q') return fc.constantFrom('社区', 'a', '苇湾');
  return fc.oneof(fc.integer({ min: 0, max: 6 }), fc.constantFrom(...ids)).map(String);
}

/** `a=1&b=2`, encoded: some of the documented parameters (and paging) with values they accept. */
export function goodQueryArb(op: Operation, ids: readonly number[]): fc.Arbitrary<string> {
  const names = queryNames(op);
  return fc
    .tuple(...names.map((n) => fc.option(goodQueryValue(op, n, ids), { nil: undefined })))
    .map((vs) =>
      vs.flatMap((v, i) => (v === undefined ? [] : [`${pct(names[i])}=${pct(v)}`])).join('&'),
    );
}

/** `a=1&b=2`, encoded: the documented parameters (and paging) with bad values, repeated, plus strays. */
export function badQueryArb(op: Operation, ids: readonly number[]): fc.Arbitrary<string> {
  const names = queryNames(op);
  const value = (name: string) =>
    fc.oneof(
      { weight: 1, arbitrary: goodQueryValue(op, name, ids) },
      { weight: 1, arbitrary: fc.constantFrom('0', '-1', '101', '100001', '1.5', '1e3') },
      { weight: 2, arbitrary: extremeNumber.map(String) },
      { weight: 3, arbitrary: urlOddString },
    );
  const param = names.length
    ? fc.constantFrom(...names).chain((n) =>
        fc.tuple(fc.constant(n), value(n), fc.nat(2)).map(([k, v, times]) =>
          // A repeated parameter arrives as an array.
          Array.from({ length: times + 1 }, () => `${pct(k)}=${pct(v)}`).join('&'),
        ),
      )
    : fc.constant('');
  const stray = fc
    .tuple(
      fc.oneof(fc.constantFrom('lang', 'a[b]', '__proto__', 'q', 'sort'), shortOddString),
      shortOddString,
    )
    .map(([k, v]) => `${pct(k)}=${pct(v)}`);
  return fc
    .tuple(
      fc.uniqueArray(param, { maxLength: 4 }),
      fc.option(stray, { nil: undefined, freq: 3 }),
      fc.option(fc.constantFrom('%', 'a=%ZZ', '&&=', '=', 'a'), { nil: undefined, freq: 6 }),
    )
    .map(([ps, s, raw]) => [...ps, s, raw].filter((x) => !!x).join('&'));
}

export type RoleName = 'anon' | 'badToken' | 'admin' | 'staff' | 'org' | 'judge';
export const SIGNED_IN_ROLES = ['admin', 'staff', 'org', 'judge'] as const;

/** A caller the operation accepts (found by a probe before fuzzing it). */
export function goodRoleArb(allowed: readonly RoleName[]): fc.Arbitrary<RoleName> {
  return fc.constantFrom(...(allowed.length ? allowed : SIGNED_IN_ROLES));
}

/** A caller the operation should refuse: signed out, a token that is none, or a role it does not take. */
export function badRoleArb(allowed: readonly RoleName[]): fc.Arbitrary<RoleName> {
  const others = (['anon', ...SIGNED_IN_ROLES] as RoleName[]).filter((r) => !allowed.includes(r));
  return fc.constantFrom<RoleName>('badToken', ...others);
}

export const goodHeadersArb: fc.Arbitrary<Record<string, string>> = fc
  .option(fc.constantFrom('en', 'zh-CN'), { nil: undefined })
  .map((lang): Record<string, string> => (lang ? { 'Accept-Language': lang } : {}));

/** Odd headers, printable ASCII only (what an HTTP client can send). */
export const badHeadersArb: fc.Arbitrary<Record<string, string>> = fc
  .record(
    {
      'Accept-Language': fc.oneof(
        fc.constantFrom('en-US,en;q=0.9', '*', 'xx-YY', 'zh;q=abc', ''),
        fc.string({ unit: 'grapheme-ascii', maxLength: 30 }),
      ),
      'X-Request-Id': fc.oneof(
        fc.constantFrom('fuzz-12345678', 'a'.repeat(64), 'a'.repeat(65), '../../x', ''),
        fc.string({ unit: 'grapheme-ascii', maxLength: 80 }),
      ),
      Accept: fc.constantFrom('application/json', 'text/html', '*/*', 'image/png', ''),
      Cookie: fc.constantFrom('gv_session=fuzz', 'gv_lang=xx', 'gv_csrf=x; gv_session=', '=;;='),
    },
    { requiredKeys: [] },
  )
  .map((h) => Object.fromEntries(Object.entries(h).filter(([, v]) => v !== undefined)));
