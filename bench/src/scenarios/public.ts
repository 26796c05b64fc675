import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { Call } from '@gv/calls';
import { Publicity } from '@gv/funding';
import { Roadshow } from '@gv/roadshows';
import { BenchResult } from '../bench-result';
import {
  load,
  LoadResult,
  ratioRows,
  scratchDatabase,
  startBaseline,
  startProductionApi,
  stop,
} from '../support';

const BASELINE_PORT = 3931;
const API_PORT = 3932;
const API = `http://127.0.0.1:${API_PORT}`;

interface Targets {
  callId: number;
  screenedCallId: number | null;
  resultsCallId: number | null;
  roadshowId: number | null;
}

async function targets(ds: DataSource): Promise<Targets> {
  const calls = await ds.getRepository(Call).find({ order: { id: 'ASC' } });
  const screened = calls.find((c) => c.screeningPublishedAt);
  const [published] = await ds
    .getRepository(Publicity)
    .find({ order: { publishedAt: 'DESC' }, take: 1 });
  const [roadshow] = await ds.getRepository(Roadshow).find({ order: { id: 'ASC' }, take: 1 });
  return {
    callId: calls[0].id,
    screenedCallId: screened?.id ?? null,
    resultsCallId: published?.callId ?? calls[0].id,
    roadshowId: roadshow?.id ?? null,
  };
}

/** Whether an anonymous visitor gets the shared copy: two GETs, same ETag, no cookie set the second time. */
async function shared(path: string): Promise<string> {
  const a = await fetch(`${API}${path}`);
  const b = await fetch(`${API}${path}`);
  const body = await b.text();
  if (a.status !== 200) return `status ${a.status}`;
  const etag = b.headers.get('etag');
  if (etag && etag === a.headers.get('etag') && !b.headers.get('set-cookie')) return 'shared';
  return body.includes('name="_csrf"') ? 'not shared (carries a form)' : 'not shared';
}

/**
 * Results day: anonymous residents on the public pages (home, call list and page, eligible list,
 * results, roadshow agenda) at 32 connections, against the bare NestJS hello-world in the same run.
 * The api serves what is the same for every anonymous visitor from its page cache (PAGE_CACHE_MS).
 */
export async function run(): Promise<BenchResult> {
  const db = await scratchDatabase('gv_bench_pub', targets);
  const t = db.prepared;
  let hello: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const rows: LoadResult[] = [];
  const notes: string[] = [];
  try {
    hello = await startBaseline(BASELINE_PORT);
    api = await startProductionApi(API_PORT, db.url);
    const pages: Array<[string, string]> = [
      ['home', '/'],
      ['call list', '/calls'],
      ['call page', `/calls/${t.callId}`],
      ...(t.screenedCallId
        ? ([
            ['eligible list (JSON)', `/api/v1/calls/${t.screenedCallId}/eligible-proposals`],
          ] as Array<[string, string]>)
        : []),
      ['results', `/results/${t.resultsCallId}`],
      ['results notice', `/results/${t.resultsCallId}/notice`],
      ...(t.roadshowId
        ? ([['roadshow agenda', `/roadshows/${t.roadshowId}/agenda`]] as Array<[string, string]>)
        : []),
    ];
    rows.push(
      await load(
        'baseline: bare NestJS hello-world GET /',
        `http://127.0.0.1:${BASELINE_PORT}/`,
        32,
      ),
    );
    for (const [name, path] of pages) {
      notes.push(`${name} ${path}: ${await shared(path)}`);
      rows.push(await load(`anonymous ${name} GET ${path}`, `${API}${path}`, 32));
    }
    if (!t.screenedCallId)
      notes.push('no call with a published screening in the demo: eligible list not measured');
    notes.push(
      'api in production mode: NODE_ENV=production, MariaDB, Redis, one process, PAGE_CACHE_MS default; autocannon runs in the bench process.',
    );
    return { scenario: 'public', rows: ratioRows(rows), notes };
  } finally {
    await stop(api);
    await stop(hello);
    await db.drop();
  }
}
