import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import { PanelConflict, panelConflicts, PanelMember, panelRecusedFrom } from '@gv/panels';
import { Community } from '@gv/places';
import { Proposal, ProposalCommunity } from '@gv/proposals';
import { bearer, createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const WEIWAN = 'weiwan@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';
const ADVISER = 'resident2@dongguan.example.cn';

interface Conflict {
  memberId: number;
  proposalId: number;
  evidence: string[];
  status: string;
  recused: boolean;
  pinned: boolean;
}

describe('panels: the review group and conflicts of interest (MariaDB)', () => {
  let t: TestApp;
  let admin: string;
  let call: Call;

  beforeAll(async () => {
    t = await createTestApp();
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    admin = await bearer(t.http, ADMIN);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
  });
  afterAll(async () => {
    await t.close();
  });
  const auth = (tok: string) => ({ Authorization: `Bearer ${tok}` });
  const memberOf = async (email: string) =>
    (
      await t.http.get(`/api/v1/calls/${call.id}/panel`).set(auth(admin)).expect(200)
    ).body.items.find((x: { email: string }) => x.email === email) as {
      id: number;
      isChair: boolean;
    };
  const conflicts = async () =>
    (await t.http.get(`/api/v1/calls/${call.id}/panel/conflicts`).set(auth(admin)).expect(200)).body
      .items as Conflict[];

  it('seeds a seven-member panel with its chair, and detects conflicts from ties with their evidence', async () => {
    const list = await t.http.get(`/api/v1/calls/${call.id}/panel`).set(auth(admin)).expect(200);
    expect(list.body.total).toBe(7);
    expect(list.body.items[0]).toMatchObject({ email: ADMIN, isChair: true, group: 'street' });
    expect(list.body.items.map((x: { group: string }) => x.group).sort()).toEqual([
      'community',
      'community',
      'expert',
      'resident',
      'resident',
      'street',
      'street',
    ]);
    // 苇湾 staff sits for 苇湾: every standing proposal hosted in (or from) 苇湾 is a suggested conflict.
    const weiwan = await memberOf(WEIWAN);
    const weiwanId = (await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' })).id;
    const all = await conflicts();
    const mine = all.filter((c) => c.memberId === weiwan.id);
    expect(mine.length).toBeGreaterThan(0);
    for (const c of mine) {
      expect(c).toMatchObject({ status: 'suggested', recused: true });
      expect(c.evidence).toContain('same_community');
      const p = await t.ds.getRepository(Proposal).findOneByOrFail({ id: c.proposalId });
      const hosts = await t.ds
        .getRepository(ProposalCommunity)
        .findBy({ proposalId: p.id, version: p.currentVersion });
      const home = (
        await t.ds.query('SELECT communityId FROM organisation WHERE id = ?', [p.organisationId])
      )[0].communityId;
      expect([...hosts.map((h) => h.communityId), Number(home)]).toContain(weiwanId);
    }
    // A resident representative advises a demo organisation: its proposals, same organisation.
    const adviser = await memberOf(ADVISER);
    expect(all.filter((c) => c.memberId === adviser.id).map((c) => c.evidence)).toContainEqual([
      'same_organisation',
    ]);
    // Nobody else sees the panel.
    await t.http
      .get(`/api/v1/calls/${call.id}/panel`)
      .set(auth(await bearer(t.http, JUDGE)))
      .expect(403);
    await t.http.get(`/api/v1/calls/${call.id}/panel/conflicts`).expect(401);
  });

  it('seats an account of any role; refuses a duplicate, an unknown account, a bad group, changing nothing; naming a chair replaces the chair', async () => {
    const before = await t.ds.getRepository(PanelMember).count();
    const dup = await t.http
      .post(`/api/v1/calls/${call.id}/panel`)
      .set(auth(admin))
      .set('Accept-Language', 'en')
      .send({ email: JUDGE, group: 'expert' })
      .expect(409);
    expect(dup.body).toMatchObject({ code: 'panel_member_exists' });
    const unknown = await t.http
      .post(`/api/v1/calls/${call.id}/panel`)
      .set(auth(admin))
      .send({ email: 'nobody@example.cn', group: 'expert' })
      .expect(400);
    expect(unknown.body.details[0]).toMatchObject({ field: 'email', code: 'unknown_account' });
    await t.http
      .post(`/api/v1/calls/${call.id}/panel`)
      .set(auth(admin))
      .send({ email: 'org@dongguan.example.cn', group: 'boss' })
      .expect(400);
    await t.http
      .post(`/api/v1/calls/${call.id}/panel`)
      .set(auth(admin))
      .send({ email: 'org@dongguan.example.cn', group: 'resident', communityIds: [999999] })
      .expect(400);
    expect(await t.ds.getRepository(PanelMember).count()).toBe(before);
    // A community staff account of another call's panel… here: the organisation member sits as a resident and chairs.
    const added = await t.http
      .post(`/api/v1/calls/${call.id}/panel`)
      .set(auth(admin))
      .send({ email: 'org@dongguan.example.cn', group: 'resident', isChair: true, title: '居民' })
      .expect(201);
    expect(added.body).toMatchObject({ group: 'resident', isChair: true });
    expect(await t.ds.getRepository(PanelMember).countBy({ callId: call.id, isChair: true })).toBe(
      1,
    );
    await t.http.delete(`/api/v1/panel-members/${added.body.id}`).set(auth(admin)).expect(204);
    expect(await t.ds.getRepository(AuditLog).countBy({ action: 'panel.member_removed' })).toBe(1);
  });

  it('the street office dismisses a suggested conflict with a reason, pins another; a pinned one cannot be dismissed', async () => {
    const weiwan = await memberOf(WEIWAN);
    const [first, second] = (await conflicts()).filter((c) => c.memberId === weiwan.id);
    const url = (c: Conflict) => `/api/v1/panel-members/${c.memberId}/conflicts/${c.proposalId}`;
    await t.http.put(url(first)).set(auth(admin)).send({ status: 'dismissed' }).expect(400);
    const dismissed = await t.http
      .put(url(first))
      .set(auth(admin))
      .send({ status: 'dismissed', reason: '仅为居住地，无利益关系' })
      .expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', recused: false });
    const pinned = await t.http
      .put(url(second))
      .set(auth(admin))
      .send({ status: 'confirmed', reason: '居委会为项目合作方', pinned: true })
      .expect(200);
    expect(pinned.body).toMatchObject({ status: 'confirmed', recused: true, pinned: true });
    const refused = await t.http
      .put(url(second))
      .set(auth(admin))
      .send({ status: 'dismissed', reason: '改变主意' })
      .expect(409);
    expect(refused.body.code).toBe('conflict_pinned');
    expect(
      await t.ds.getRepository(PanelConflict).findOneByOrFail({ proposalId: second.proposalId }),
    ).toMatchObject({ status: 'confirmed', pinned: true });
  });

  it('the one-query recusal check (every save asks it) agrees with the conflict list for every pair', async () => {
    const weiwan = await memberOf(WEIWAN);
    const [first, second] = (await conflicts()).filter((c) => c.memberId === weiwan.id);
    const url = (c: Conflict) => `/api/v1/panel-members/${c.memberId}/conflicts/${c.proposalId}`;
    await t.http
      .put(url(first))
      .set(auth(admin))
      .send({ status: 'dismissed', reason: '仅为居住地，无利益关系' })
      .expect(200);
    await t.http
      .put(url(second))
      .set(auth(admin))
      .send({ status: 'confirmed', reason: '居委会为项目合作方' })
      .expect(200);
    const judge = await bearer(t.http, JUDGE);
    const seat = (await t.http.get('/api/v1/panel/seats').set(auth(judge)).expect(200)).body
      .items[0].memberId as number;
    const proposals = await t.ds.getRepository(Proposal).findBy({ callId: call.id });
    const eligible = proposals.find((p) => p.status === 'eligible')!;
    await t.http
      .post(`/api/v1/panel-members/${seat}/conflicts`)
      .set(auth(judge))
      .send({ proposalId: eligible.id, reason: '我曾为该组织提供督导' })
      .expect(201);
    // A member tied to an organisation: its proposals are conflicts without any community tie.
    const adviser = await memberOf(ADVISER);
    await t.ds.query('INSERT INTO panel_affiliation (memberId, organisationId) VALUES (?, ?)', [
      adviser.id,
      proposals[0].organisationId,
    ]);
    // …and one tied only through a proposal's home community (its organisation's), hosting it nowhere.
    const target = proposals.find(
      (p) => p.id !== eligible.id && p.organisationId !== proposals[0].organisationId,
    )!;
    const hosts = (
      await t.ds.getRepository(ProposalCommunity).findBy({ proposalId: target.id })
    ).map((h) => h.communityId);
    const home = (await t.ds.getRepository(Community).find()).find((c) => !hosts.includes(c.id))!;
    await t.ds.query('UPDATE organisation SET communityId = ? WHERE id = ?', [
      home.id,
      target.organisationId,
    ]);
    const resident = (await conflicts()).length; // the view before the tie
    await t.ds.query('INSERT INTO panel_affiliation (memberId, communityId) VALUES (?, ?)', [
      adviser.id,
      home.id,
    ]);
    expect((await conflicts()).length).toBeGreaterThan(resident);
    // A host of a later, unsubmitted version ties nobody: the judge sits for it, not recused by it.
    const later = (await t.ds.getRepository(Community).find()).find(
      (c) => !hosts.includes(c.id) && c.id !== home.id,
    )!;
    await t.ds.query(
      'INSERT INTO proposal_community (proposalId, version, preference, communityId) VALUES (?, ?, 1, ?)',
      [target.id, target.currentVersion + 1, later.id],
    );
    await t.ds.query('INSERT INTO panel_affiliation (memberId, communityId) VALUES (?, ?)', [
      seat,
      later.id,
    ]);
    const members = await t.ds.getRepository(PanelMember).findBy({ callId: call.id });
    const view = await panelConflicts(t.ds.manager, call.id);
    const recused = new Set(
      view.filter((c) => c.recused).map((c) => `${c.memberId}:${c.proposalId}`),
    );
    expect(view.some((c) => !c.recused)).toBe(true);
    expect(recused.size).toBeGreaterThan(3);
    const answers: string[] = [];
    for (const x of members)
      for (const p of proposals)
        if (await panelRecusedFrom(t.ds.manager, call.id, x.id, p.id))
          answers.push(`${x.id}:${p.id}`);
    expect(answers.sort()).toEqual([...recused].sort());
    // Another call's member, or the pair asked under another call, is no conflict.
    expect(await panelRecusedFrom(t.ds.manager, call.id + 1000, seat, eligible.id)).toBe(false);
  });

  it('a member declares a conflict on their own seat (recused at once), never on another seat', async () => {
    const judge = await bearer(t.http, JUDGE);
    const seats = await t.http.get('/api/v1/panel/seats').set(auth(judge)).expect(200);
    expect(seats.body.items).toHaveLength(1);
    const memberId = seats.body.items[0].memberId as number;
    const proposal = await t.ds
      .getRepository(Proposal)
      .findOneByOrFail({ status: 'eligible' as never });
    const declared = await t.http
      .post(`/api/v1/panel-members/${memberId}/conflicts`)
      .set(auth(judge))
      .send({ proposalId: proposal.id, reason: '我曾为该组织提供督导' })
      .expect(201);
    expect(declared.body).toMatchObject({
      evidence: ['declared'],
      status: 'confirmed',
      recused: true,
    });
    const weiwan = await memberOf(WEIWAN);
    await t.http
      .post(`/api/v1/panel-members/${weiwan.id}/conflicts`)
      .set(auth(judge))
      .send({ proposalId: proposal.id, reason: '替别人申报' })
      .expect(404);
    await t.http
      .post(`/api/v1/panel-members/${memberId}/conflicts`)
      .set(auth(judge))
      .send({ proposalId: 999999, reason: '不存在' })
      .expect(400);
  });

  it('pages: the admin sees members and conflicts; a judge declares from /my/panel', async () => {
    const session = await formLogin(t.http, ADMIN);
    const p = await openPage(t.http, session, `/calls/${call.id}/panel`);
    expect(p.res.text).toContain('id="panel-members"');
    expect(p.res.text).toContain('同一社区');
    expect(p.res.text).toContain('同一组织');
    const judgeSession = await formLogin(t.http, JUDGE);
    const mine = await openPage(t.http, judgeSession, '/my/panel');
    expect(mine.res.text).toContain(call.title);
    const memberId = Number(/\/my\/panel\/(\d+)\/declare/.exec(mine.res.text)![1]);
    const proposalId = /name="proposalId"[^>]*>\s*<option value="(\d+)"/.exec(mine.res.text)![1];
    await t.http
      .post(`/my/panel/${memberId}/declare`)
      .set('Cookie', mine.cookies)
      .type('form')
      .send({ _csrf: mine.csrf, proposalId, reason: '' })
      .expect(400);
    const ok = await t.http
      .post(`/my/panel/${memberId}/declare`)
      .set('Cookie', mine.cookies)
      .type('form')
      .send({ _csrf: mine.csrf, proposalId, reason: '亲属在该组织任职' })
      .expect(303);
    expect(ok.headers['location']).toBe('/my/panel?done=declared');
    expect(await t.ds.getRepository(PanelConflict).countBy({ memberId, source: 'declared' })).toBe(
      1,
    );
  });
});
