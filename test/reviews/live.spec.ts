import { Call } from '@gv/calls';
import { formatShanghaiDate } from '@gv/core';
import { PanelMember } from '@gv/panels';
import { ReviewLive, ReviewSheet } from '@gv/reviews';
import { Roadshow, RoadshowPitch } from '@gv/roadshows';
import { bearer, createTestApp, formLogin, openPage, resetDatabase, TestApp } from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const JUDGE = 'judge@dongguan.example.cn';

/** Live mode on roadshow days: the agenda's pitch on stage, and who has submitted for it (#10). */
describe('reviews: live mode on roadshow days (MariaDB)', () => {
  let t: TestApp;
  let call: Call;
  let pitches: RoadshowPitch[];

  beforeAll(async () => {
    t = await createTestApp();
    await resetDatabase(t.ds, t.config);
    call = await t.ds.getRepository(Call).findOneByOrFail({ code: 'DG' });
    const roadshow = await t.ds.getRepository(Roadshow).findOneByOrFail({ callId: call.id });
    expect(roadshow.status).toBe('published');
    pitches = (await t.ds.getRepository(RoadshowPitch).findBy({ roadshowId: roadshow.id }))
      .filter((p) => p.publishedStartsAt)
      .sort((a, b) => a.publishedStartsAt!.getTime() - b.publishedStartsAt!.getTime());
    expect(pitches.length).toBeGreaterThanOrEqual(2);
  });
  afterAll(async () => {
    await t.close();
  });

  it('follows the agenda: the pitch whose slot holds now, the next one between slots, the last after the day', async () => {
    const live = t.app.get(ReviewLive, { strict: false });
    const [first, second] = pitches;
    const date = formatShanghaiDate(first.publishedStartsAt);
    const at = (p: RoadshowPitch, minutes: number) =>
      new Date(p.publishedStartsAt!.getTime() + minutes * 60_000);
    const sameDay = pitches.filter((p) => formatShanghaiDate(p.publishedStartsAt) === date);

    const during = await live.day(call.id, undefined, at(second, 3));
    expect(during.date).toBe(date);
    expect(during.pitches.map((p) => p.pitchId)).toEqual(sameDay.map((p) => p.id));
    expect(during.current?.pitchId).toBe(second.id);
    expect(during.current?.when).toBe('now');
    expect(during.pitches[0].when).toBe('past');

    const before = await live.day(call.id, undefined, at(first, -60));
    expect(before.current?.pitchId).toBe(first.id);
    expect(before.current?.when).toBe('next');

    const after = await live.day(call.id, undefined, at(sameDay[sameDay.length - 1], 600));
    expect(after.current?.pitchId).toBe(sameDay[sameDay.length - 1].id);
    expect(after.current?.when).toBe('past');

    const other = await live.day(call.id, '2001-01-01', at(first, 0));
    expect(other.pitches).toEqual([]);
  });

  it('shows the chair who has submitted for a pitch, and keeps the board from judges who do not chair', async () => {
    const date = formatShanghaiDate(pitches[0].publishedStartsAt);
    const admin = await bearer(t.http, ADMIN);
    const judge = await bearer(t.http, JUDGE);
    const res = await t.http
      .get(`/api/v1/calls/${call.id}/reviews/live?date=${date}`)
      .set({ Authorization: `Bearer ${admin}` })
      .expect(200);
    expect(res.body.date).toBe(date);
    for (const p of res.body.pitches) {
      const submitted = await t.ds
        .getRepository(ReviewSheet)
        .countBy({ proposalId: p.proposalId, status: 'submitted' });
      const counted = p.judges.filter((j: { status: string }) => j.status === 'submitted').length;
      expect(p.submitted).toBe(counted);
      expect(counted).toBeLessThanOrEqual(submitted);
      expect(p.expected).toBe(
        p.judges.filter((j: { status: string }) => j.status !== 'recused').length,
      );
    }
    const seat = await t.ds
      .getRepository(PanelMember)
      .findOneOrFail({ where: { callId: call.id, user: { email: JUDGE } } });
    expect(seat.isChair).toBe(false);
    await t.http
      .get(`/api/v1/calls/${call.id}/reviews/live?date=${date}`)
      .set({ Authorization: `Bearer ${judge}` })
      .expect(403);
  });

  it('renders the judge’s page and the chair’s board for the roadshow day', async () => {
    const date = formatShanghaiDate(pitches[0].publishedStartsAt);
    const judge = await formLogin(t.http, JUDGE);
    const mine = await openPage(t.http, judge, `/reviews/live?date=${date}`);
    expect(mine.res.text).toContain('data-refresh-seconds="30"');
    expect(mine.res.text).toContain('live-current');
    await openPage(t.http, judge, `/calls/${call.id}/reviews/live?date=${date}`, 403);
    const admin = await formLogin(t.http, ADMIN);
    const { res: board } = await openPage(
      t.http,
      admin,
      `/calls/${call.id}/reviews/live?date=${date}&pitch=${pitches[1].id}`,
    );
    expect(board.text).toContain('id="board-judges"');
    expect(board.text).toContain('data-refresh-seconds="0"');
  });
});
