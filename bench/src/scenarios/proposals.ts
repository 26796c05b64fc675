import { ChildProcess } from 'node:child_process';
import { DataSource } from 'typeorm';
import { Call } from '@gv/calls';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { Proposal, ProposalCommunity, ProposalStatus, ProposalVersion } from '@gv/proposals';
import { BenchResult } from '../bench-result';
import {
  load,
  LoadResult,
  ratioRows,
  scratchDatabase,
  signIn,
  startBaseline,
  startProductionApi,
  stop,
} from '../support';

const PROPOSALS = 10_000;
const CHUNK = 1_000;
const WORDS = [
  '助老',
  '助餐',
  '青年志愿',
  '儿童课堂',
  '邻里守望',
  '议事协商',
  '康复互助',
  '手工技能',
  '亲子阅读',
  '文体活动',
];
const STATUSES = [
  ProposalStatus.Submitted,
  ProposalStatus.Eligible,
  ProposalStatus.Returned,
  ProposalStatus.Rejected,
  ProposalStatus.Draft,
];

/** Bulk insert (multi-row INSERTs of 1,000): proposals spread over the communities, statuses and title words. */
export async function insertProposals(
  ds: DataSource,
): Promise<{ ms: number; callId: number; communityId: number }> {
  const started = Date.now();
  const call = await ds.getRepository(Call).findOneOrFail({ where: {}, order: { id: 'ASC' } });
  const orgs = await ds
    .getRepository(Organisation)
    .find({ select: { id: true }, order: { id: 'ASC' } });
  const communities = await ds
    .getRepository(Community)
    .find({ order: { sortOrder: 'ASC', id: 'ASC' } });
  const now = new Date();
  for (let from = 0; from < PROPOSALS; from += CHUNK) {
    await ds.transaction(async (m) => {
      const rows = Array.from({ length: Math.min(CHUNK, PROPOSALS - from) }, (_, k) => {
        const i = from + k;
        const status = STATUSES[i % STATUSES.length];
        const submitted = status !== ProposalStatus.Draft;
        return {
          callId: call.id,
          organisationId: orgs[i % orgs.length].id,
          needId: null,
          number: submitted ? `BN-2026-${String(i + 1).padStart(5, '0')}` : null,
          status,
          title: `${WORDS[i % WORDS.length]}项目 ${i + 1}`,
          track: call.tracks[0],
          firstCommunityId: communities[i % communities.length].id,
          beneficiaryGroups: null,
          beneficiaryCount: 50 + (i % 200),
          summary: '压测数据',
          objectives: null,
          activities: null,
          team: null,
          totalFen: 300_000 + (i % 100) * 10_000,
          coFundingFen: 0,
          currentVersion: submitted ? 1 : 0,
          submittedAt: submitted ? now : null,
          withdrawnAt: null,
          hasUnsubmittedChanges: false,
          createdById: null,
        };
      });
      const res = await m
        .createQueryBuilder()
        .insert()
        .into(Proposal)
        .values(rows)
        .updateEntity(false)
        .execute();
      // MariaDB reports the first id of a multi-row insert; ids are consecutive within one statement.
      const firstId = Number((res.raw as { insertId: number }).insertId);
      // The working copy (version 0) and, once submitted, version 1: what staff filter and search on.
      await m
        .createQueryBuilder()
        .insert()
        .into(ProposalCommunity)
        .values(
          rows.flatMap((r, k) =>
            [0, ...(r.currentVersion ? [r.currentVersion] : [])].map((version) => ({
              proposalId: firstId + k,
              version,
              preference: 1,
              communityId: r.firstCommunityId,
            })),
          ),
        )
        .updateEntity(false)
        .execute();
      const submitted = rows
        .map((r, k) => ({ r, id: firstId + k }))
        .filter((x) => x.r.currentVersion);
      await m
        .createQueryBuilder()
        .insert()
        .into(ProposalVersion)
        .values(
          submitted.map(({ r, id }) => ({
            proposalId: id,
            version: r.currentVersion,
            title: r.title,
            track: r.track,
            needId: null,
            beneficiaryGroups: null,
            beneficiaryCount: r.beneficiaryCount,
            summary: r.summary,
            objectives: null,
            activities: null,
            team: null,
            totalFen: r.totalFen,
            coFundingFen: 0,
            submittedById: null,
          })),
        )
        .updateEntity(false)
        .execute();
    });
  }
  return { ms: Date.now() - started, callId: call.id, communityId: communities[0].id };
}

/**
 * Proposals: 10,000 proposals in MariaDB; the staff list (filter by community, status, title search) at 32
 * connections, as JSON API and as the server-rendered page, against the bare NestJS hello-world.
 */
export async function run(): Promise<BenchResult> {
  const db = await scratchDatabase('gv_bench_p', async (ds) => ({
    seeded: await insertProposals(ds),
    total: await ds.getRepository(Proposal).count(),
  }));
  const { seeded, total } = db.prepared;

  let hello: ChildProcess | undefined;
  let api: ChildProcess | undefined;
  const rows: LoadResult[] = [];
  try {
    hello = await startBaseline(3911);
    api = await startProductionApi(3912, db.url);
    const admin = await signIn('http://127.0.0.1:3912', 'admin@dongguan.example.cn');
    const q = `callId=${seeded.callId}&communityId=${seeded.communityId}&status=submitted&q=${encodeURIComponent('助老')}`;
    // Sanity: the filtered list is not empty, so the bench measures real rows.
    const probe = await fetch(`http://127.0.0.1:3912/api/v1/proposals?${q}`, {
      headers: { authorization: `Bearer ${admin}` },
    });
    const probeBody = (await probe.json()) as { total: number };
    rows.push(await load('baseline: bare NestJS hello-world GET /', 'http://127.0.0.1:3911/', 32));
    rows.push(
      await load(
        'api GET /api/v1/proposals (admin; community + status + title)',
        `http://127.0.0.1:3912/api/v1/proposals?${q}`,
        32,
        { authorization: `Bearer ${admin}` },
      ),
    );
    rows.push(
      await load(
        'api GET /api/v1/proposals (admin; title search only)',
        `http://127.0.0.1:3912/api/v1/proposals?callId=${seeded.callId}&q=${encodeURIComponent('项目 99')}`,
        32,
        { authorization: `Bearer ${admin}` },
      ),
    );
    rows.push(
      await load(
        'page GET /staff/proposals (admin; community + status + title)',
        `http://127.0.0.1:3912/staff/proposals?${q}`,
        32,
        { cookie: `gv_session=${admin}` },
      ),
    );
    return {
      scenario: 'proposals',
      rows: ratioRows(rows),
      notes: [
        `${total} proposals in MariaDB (${PROPOSALS} bulk-inserted in ${seeded.ms} ms, multi-row INSERTs of ${CHUNK}); the filtered list matches ${probeBody.total} rows, 20 per page.`,
        'api in production mode: NODE_ENV=production, MariaDB, Redis, one process; autocannon runs in the bench process.',
      ],
    };
  } finally {
    await stop(api);
    await stop(hello);
    await db.drop();
  }
}
