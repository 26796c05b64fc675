import { Call } from '@gv/calls';
import { AuditLog } from '@gv/audit';
import { CommunityCapacity, FundingAward, FundingPlacement } from '@gv/funding';
import { Need } from '@gv/needs';
import { Community } from '@gv/places';
import { placeProjects } from '@gv/placement';
import { Proposal, ProposalCommunity, ProposalStatus } from '@gv/proposals';
import {
  TestApp,
  bearer,
  createTestApp,
  formLogin,
  openPage,
  resetDatabase,
  undoFundingDecision,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const WEIWAN = 'weiwan@dongguan.example.cn';
const GONGFU = 'gongfu@dongguan.example.cn';

/**
 * The funded projects of the demo call and their preferred host communities (first choice first).
 * The needs they answer are the seeded ones of their home community, so need fit is real.
 */
const FUNDED: ReadonlyArray<[title: string, prefs: string[]]> = [
  ['苇湾银龄日间照料与助餐', ['weiwan', 'kuiwenmen']],
  ['苇湾网上议事厅议题落地行动', ['weiwan', 'zhongheyuan']],
  ['院校街白领志愿者联盟“周末一小时”', ['weiwan', 'yuanxiaojie']],
  ['工福街困难家庭儿童“四点半课堂”', ['gongfujie', 'weiwan']],
  ['工福街老旧小区邻里守望', ['gongfujie']],
  ['李家街微论坛议事员培育', ['lijiajie']],
];

/** 落户 (#11): the exact engine on the stored inputs, capacities, accept / refuse, resolving the unplaced. */
describe('funding: placement of funded projects (MariaDB)', () => {
  let t: TestApp;
  let call: Call;
  let admin: string;
  let weiwan: string;
  let gongfu: string;
  let community: Record<string, number>;
  let id: Record<string, number>;
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    [admin, weiwan, gongfu] = await Promise.all(
      [ADMIN, WEIWAN, GONGFU].map((e) => bearer(t.http, e)),
    );
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    community = Object.fromEntries(
      (await t.ds.getRepository(Community).find()).map((c) => [c.code, c.id]),
    );
    id = {};
    // Only these projects are funded here, whatever the demo seed awards.
    await undoFundingDecision(t.ds, call.id);
    await t.ds.getRepository(AuditLog).delete({ action: 'placement.run' });
    for (const [title, prefs] of FUNDED) {
      const p = await t.ds.getRepository(Proposal).findOneByOrFail({ title, callId: call.id });
      id[title] = p.id;
      await t.ds.getRepository(Proposal).update(p.id, { status: ProposalStatus.Eligible });
      const version = p.currentVersion;
      await t.ds.getRepository(ProposalCommunity).delete({ proposalId: p.id, version });
      await t.ds.getRepository(ProposalCommunity).insert(
        prefs.map((code, i) => ({
          proposalId: p.id,
          version,
          preference: i + 1,
          communityId: community[code],
        })),
      );
      await t.ds.getRepository(FundingAward).upsert(
        {
          callId: call.id,
          runId: null,
          proposalId: p.id,
          track: p.track,
          requestedFen: p.totalFen,
          amountFen: p.totalFen,
          status: 'awarded',
          reason: '',
        },
        ['proposalId'],
      );
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const placements = async () =>
    new Map(
      (await t.ds.getRepository(FundingPlacement).findBy({ callId: call.id })).map((p) => [
        p.proposalId,
        {
          communityId: p.communityId,
          status: p.status,
          preferenceRank: p.preferenceRank,
          needFit: p.needFit,
          refusedBy: p.refusedBy,
          reason: p.reason,
        },
      ]),
    );
  const capacity = (tok: string, communityId: number | undefined, value: unknown) =>
    t.http
      .put(`/api/v1/calls/${call.id}/capacities`)
      .set(auth(tok))
      .send(communityId === undefined ? { capacity: value } : { communityId, capacity: value });
  const prefsOf = (proposalId: number) =>
    FUNDED.find(([title]) => id[title] === proposalId)?.[1] ?? [];
  const run = () =>
    t.http.post(`/api/v1/calls/${call.id}/placements/run`).set(auth(admin)).expect(200);

  /** The engine's input built here from the rows, independently of the service. */
  async function engineOnStoredInputs(caps: Record<string, number>) {
    const proposals = await t.ds.getRepository(Proposal).findBy({ callId: call.id });
    const funded = proposals.filter((p) => Object.values(id).includes(p.id));
    const needs = await t.ds.getRepository(Need).find();
    const projects = [];
    for (const p of funded) {
      const prefs = await t.ds.getRepository(ProposalCommunity).find({
        where: { proposalId: p.id, version: p.currentVersion },
        order: { preference: 'ASC' },
      });
      projects.push({
        id: String(p.id),
        preferences: prefs.map((r) => String(r.communityId)),
        addressesNeeds: p.needId ? [String(p.needId)] : [],
      });
    }
    const relevant = new Set(funded.map((p) => p.needId));
    const communities = Object.entries(community).map(([code, cid]) => ({
      id: String(cid),
      capacity: caps[code] ?? 2,
      postedNeeds: needs
        .filter((n) => n.communityId === cid && relevant.has(n.id))
        .map((n) => String(n.id)),
    }));
    return placeProjects(projects, communities);
  }

  it('stores exactly what the engine computes on the same inputs, within every capacity, idempotently', async () => {
    // 工福街 can host one project: its two first-choice projects compete for it.
    await capacity(admin, community.gongfujie, 1).expect(200);
    const res = await run();
    const expected = await engineOnStoredInputs({ gongfujie: 1 });
    expect(res.body).toEqual({
      placed: expected.assignments.length,
      unplaced: expected.unplaced.length,
      kept: 0,
      removed: 0,
    });
    const stored = await placements();
    expect(stored.size).toBe(FUNDED.length);
    for (const a of expected.assignments)
      expect(stored.get(Number(a.projectId))).toMatchObject({
        communityId: Number(a.communityId),
        preferenceRank: a.preferenceRank,
        needFit: a.needFit,
        status: 'placed',
      });
    for (const u of expected.unplaced)
      expect(stored.get(Number(u.projectId))).toMatchObject({
        communityId: null,
        status: 'unplaced',
        reason: u.reason,
      });
    // Need fit is real: the 苇湾 elderly-care project answers a need 苇湾 posted.
    const elderly = stored.get(id['苇湾银龄日间照料与助餐']);
    if (elderly?.communityId === community.weiwan) expect(elderly.needFit).toBe(true);
    // Capacities (default 2, 工福街 1) hold.
    const count = new Map<number, number>();
    for (const p of stored.values())
      if (p.communityId) count.set(p.communityId, (count.get(p.communityId) ?? 0) + 1);
    for (const [cid, n] of count)
      expect(n).toBeLessThanOrEqual(cid === community.gongfujie ? 1 : 2);
    expect(count.get(community.weiwan)).toBe(2);
    // Again: nothing changes.
    const again = await run();
    expect(again.body.kept).toBe(expected.assignments.length);
    expect(await placements()).toEqual(stored);
    expect(
      await t.ds
        .getRepository(AuditLog)
        .countBy({ action: 'placement.run', entityId: String(call.id) }),
    ).toBe(2);
  });

  it('re-places only a refused project; accepted ones never move; the refusing community is never proposed again', async () => {
    await run();
    const before = await placements();
    const inWeiwan = [...before].filter(([, p]) => p.communityId === community.weiwan);
    expect(inWeiwan).toHaveLength(2);
    const [[keep], [refused]] = inWeiwan;
    // 苇湾 staff see their two projects and accept one.
    const list = await t.http
      .get(`/api/v1/calls/${call.id}/placements`)
      .set(auth(weiwan))
      .expect(200);
    expect(list.body.items.map((v: { proposalId: number }) => v.proposalId).sort()).toEqual(
      [keep, refused].sort(),
    );
    await t.http.post(`/api/v1/proposals/${keep}/placement/accept`).set(auth(weiwan)).expect(200);
    const twice = await t.http
      .post(`/api/v1/proposals/${keep}/placement/accept`)
      .set(auth(weiwan))
      .set('Accept-Language', 'en')
      .expect(409);
    expect(twice.body.code).toBe('placement_decided');
    // A refusal needs a reason.
    await t.http
      .post(`/api/v1/proposals/${refused}/placement/refuse`)
      .set(auth(weiwan))
      .send({ reason: '  ' })
      .expect(400);
    const res = await t.http
      .post(`/api/v1/proposals/${refused}/placement/refuse`)
      .set(auth(weiwan))
      .send({ reason: '本社区暂无合适的活动场地' })
      .expect(200);
    const after = await placements();
    // Only the refused project changed.
    for (const [pid, p] of before)
      if (pid === keep) expect(after.get(pid)).toMatchObject({ ...p, status: 'accepted' });
      else if (pid !== refused) expect(after.get(pid)).toEqual(p);
    const moved = after.get(refused);
    // Both 苇湾 projects are first-choice 苇湾 projects: the refused one goes to its second choice.
    expect(moved).toMatchObject({
      refusedBy: [community.weiwan],
      status: 'placed',
      preferenceRank: 2,
      communityId: community[prefsOf(refused)[1]],
      reason: '本社区暂无合适的活动场地',
    });
    expect(res.body).toMatchObject({ status: 'placed', preferenceRank: 2 });
    // A new run leaves it where it is and never gives 苇湾 its free slot back to it.
    await run();
    expect((await placements()).get(refused)?.communityId).toBe(moved?.communityId);
    // By hand neither.
    const back = await t.http
      .put(`/api/v1/proposals/${refused}/placement`)
      .set(auth(admin))
      .send({ communityId: community.weiwan })
      .expect(409);
    expect(back.body.code).toBe('placement_refused_there');
    // The accepted one cannot be moved by hand either.
    const other = prefsOf(keep).find((c) => c !== 'weiwan');
    if (other) {
      const r = await t.http
        .put(`/api/v1/proposals/${keep}/placement`)
        .set(auth(admin))
        .send({ communityId: community[other] })
        .expect(409);
      expect(r.body.code).toBe('placement_decided');
    }
    expect((await placements()).get(keep)).toMatchObject({
      communityId: community.weiwan,
      status: 'accepted',
    });
  });

  it('refuses a community outside the preferences, a full one, and other communities’ staff; nothing changes', async () => {
    await capacity(admin, community.zhongheyuan, 0).expect(200);
    await run();
    const before = await placements();
    const member = await bearer(t.http, 'org@dongguan.example.cn');
    const audits = await t.ds.getRepository(AuditLog).count();
    const w2 = id['苇湾网上议事厅议题落地行动'];
    // Not a preferred community → 400 with a clear message.
    const bad = await t.http
      .put(`/api/v1/proposals/${w2}/placement`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({ communityId: community.dongyuan })
      .expect(400);
    expect(bad.body.code).toBe('placement_not_preferred');
    expect(bad.body.message).toMatch(/not one of the project’s preferred/);
    // A preferred community that is full → 409 naming it.
    const full = await t.http
      .put(`/api/v1/proposals/${w2}/placement`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({ communityId: community.zhongheyuan })
      .expect(409);
    expect(full.body.code).toBe('placement_over_capacity');
    expect(full.body.message).toContain('Zhongheyuan');
    // Junk bodies.
    for (const body of [{}, { communityId: 'x' }, { communityId: 0 }])
      await t.http.put(`/api/v1/proposals/${w2}/placement`).set(auth(admin)).send(body).expect(400);
    // Another community's staff: 403 on 苇湾's placements and capacity; bad capacities 400.
    const [inWeiwan] = [...before].find(([, p]) => p.communityId === community.weiwan) ?? [-1];
    for (const action of ['accept', 'refuse']) {
      const r = await t.http
        .post(`/api/v1/proposals/${inWeiwan}/placement/${action}`)
        .set(auth(gongfu))
        .send({ reason: '不是本社区的' })
        .expect(403);
      expect(r.body.code).toBe('placement_not_yours');
    }
    expect((await capacity(gongfu, community.weiwan, 5).expect(403)).body.code).toBe(
      'placement_not_yours',
    );
    for (const v of [-1, 51, 2.5, 'x', null]) await capacity(gongfu, undefined, v).expect(400);
    // The street office cannot accept for a community; the organisation's member cannot place.
    await t.http
      .post(`/api/v1/proposals/${inWeiwan}/placement/accept`)
      .set(auth(admin))
      .expect(403);
    await t.http.post(`/api/v1/calls/${call.id}/placements/run`).set(auth(member)).expect(403);
    expect(await placements()).toEqual(before);
    expect(await t.ds.getRepository(AuditLog).count()).toBe(audits);
    expect(await t.ds.getRepository(CommunityCapacity).countBy({ callId: call.id })).toBe(1);
    // Staff set their own community's capacity (the default is 2 until then).
    const own = await t.http
      .get(`/api/v1/calls/${call.id}/capacities`)
      .set(auth(gongfu))
      .expect(200);
    expect(own.body.items).toEqual([
      expect.objectContaining({ id: community.gongfujie, capacity: 2, capacitySet: false }),
    ]);
    expect((await capacity(gongfu, undefined, 3).expect(200)).body).toMatchObject({
      id: community.gongfujie,
      capacity: 3,
      capacitySet: true,
    });
    // A move to a preferred community with room works, and records the rank and need fit.
    const moved = await t.http
      .put(`/api/v1/proposals/${id['苇湾银龄日间照料与助餐']}/placement`)
      .set(auth(admin))
      .send({ communityId: community.kuiwenmen })
      .expect(200);
    expect(moved.body).toMatchObject({
      status: 'placed',
      community: { id: community.kuiwenmen },
      preferenceRank: 2,
      needFit: false,
    });
  });

  it('two moves into the last free slot at once: one wins, the other is told the community is full', async () => {
    await run();
    // 苇湾 holds two; one more slot opens for two projects that both list 苇湾.
    await capacity(admin, community.weiwan, 3).expect(200);
    const [b, c] = [id['院校街白领志愿者联盟“周末一小时”'], id['工福街困难家庭儿童“四点半课堂”']];
    const answers = await Promise.all(
      [b, c].map((pid) =>
        t.http
          .put(`/api/v1/proposals/${pid}/placement`)
          .set(auth(admin))
          .send({ communityId: community.weiwan }),
      ),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)?.body.code).toBe('placement_over_capacity');
    const inWeiwan = [...(await placements()).values()].filter(
      (p) => p.communityId === community.weiwan,
    );
    expect(inWeiwan).toHaveLength(3);
    // Two runs at once place nothing twice either.
    await Promise.all([run(), run()]);
    expect(
      [...(await placements()).values()].filter((p) => p.communityId === community.weiwan),
    ).toHaveLength(3);
  });

  it('lists an unplaceable project first; raising a capacity then placing places it; or the award is withdrawn', async () => {
    await capacity(admin, community.gongfujie, 1).expect(200);
    await capacity(admin, community.lijiajie, 0).expect(200);
    await run();
    const overview = await t.http
      .get(`/api/v1/calls/${call.id}/placements`)
      .set(auth(admin))
      .expect(200);
    const d = id['李家街微论坛议事员培育'];
    expect(overview.body.items[0]).toMatchObject({
      proposalId: d,
      status: 'unplaced',
      reason: 'preferred_communities_full',
      community: null,
    });
    expect(overview.body.summary).toMatchObject({ funded: FUNDED.length, unplaced: 1 });
    // Both pages show it, in both languages.
    const session = await formLogin(t.http, ADMIN);
    const zh = await openPage(t.http, session, `/calls/${call.id}/placements`);
    expect(zh.res.text).toContain('意向社区的容量已满');
    expect(zh.res.text).toContain('撤销立项');
    const en = await t.http
      .get(`/calls/${call.id}/placements`)
      .set('Cookie', [session, 'gv_lang=en'])
      .expect(200);
    expect(en.text).toContain('Every listed community is at capacity');
    expect(en.text).toContain('Withdraw the award');
    // 1. Raise 李家街's capacity, place again: placed there, nothing else moves.
    const before = await placements();
    await capacity(admin, community.lijiajie, 1).expect(200);
    const again = await run();
    expect(again.body).toMatchObject({ placed: 1, unplaced: 0, kept: FUNDED.length - 1 });
    const after = await placements();
    expect(after.get(d)).toMatchObject({
      communityId: community.lijiajie,
      status: 'placed',
      preferenceRank: 1,
      needFit: true,
      reason: '',
    });
    for (const [pid, p] of before) if (pid !== d) expect(after.get(pid)).toEqual(p);
    // 2. Or withdraw the award with a reason (through the page).
    const page = await openPage(t.http, session, `/calls/${call.id}/placements`);
    const empty = await t.http
      .post(`/proposals/${d}/placement/withdraw`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, reason: '' });
    expect(empty.status).toBe(400);
    const done = await t.http
      .post(`/proposals/${d}/placement/withdraw`)
      .set('Cookie', page.cookies)
      .type('form')
      .send({ _csrf: page.csrf, reason: '无社区可承接，经评审组同意撤销' })
      .expect(303);
    expect(done.headers['location']).toBe(`/calls/${call.id}/placements?done=withdrawn`);
    expect(await t.ds.getRepository(FundingAward).findOneByOrFail({ proposalId: d })).toMatchObject(
      {
        status: 'withdrawn',
        reason: '无社区可承接，经评审组同意撤销',
      },
    );
    expect((await placements()).has(d)).toBe(false);
    const list = await t.http.get(`/api/v1/calls/${call.id}/placements`).set(auth(admin));
    expect(list.body.items.map((v: { proposalId: number }) => v.proposalId)).not.toContain(d);
  });

  it('the community page: 苇湾 staff accept and refuse through the forms; capacity form', async () => {
    await run();
    const session = await formLogin(t.http, WEIWAN);
    const p = await openPage(t.http, session, '/community/placements');
    expect(p.res.text).toContain('本社区落户项目');
    const rows = [...(await placements())].filter(([, x]) => x.communityId === community.weiwan);
    const [[first], [second]] = rows;
    expect(p.res.text).toContain(`id="accept-${first}"`);
    const post = (url: string, body: Record<string, unknown>) =>
      t.http
        .post(url)
        .set('Cookie', p.cookies)
        .type('form')
        .send({ _csrf: p.csrf, ...body });
    expect((await post(`/proposals/${first}/placement/accept`, {})).status).toBe(303);
    const noReason = await post(`/proposals/${second}/placement/refuse`, { reason: '' });
    expect(noReason.status).toBe(400);
    expect(noReason.text).toContain('refuse-reason-' + second + '-error');
    expect(
      (await post(`/proposals/${second}/placement/refuse`, { reason: '场地不足' })).status,
    ).toBe(303);
    const bad = await post('/community/placements/capacity', { callId: call.id, capacity: '99' });
    expect(bad.status).toBe(400);
    const ok = await post('/community/placements/capacity', { callId: call.id, capacity: '3' });
    expect(ok.headers['location']).toBe('/community/placements?done=capacity');
    expect(
      await t.ds
        .getRepository(CommunityCapacity)
        .findOneByOrFail({ callId: call.id, communityId: community.weiwan }),
    ).toMatchObject({ capacity: 3 });
    const after = await placements();
    expect(after.get(first)?.status).toBe('accepted');
    expect(after.get(second)?.refusedBy).toEqual([community.weiwan]);
    const en = await t.http
      .get('/community/placements')
      .set('Cookie', [session, 'gv_lang=en'])
      .expect(200);
    expect(en.text).toContain('Projects placed in our community');
    expect(en.text).toContain(`id="placement-${first}" data-status="accepted"`);
  });
});
