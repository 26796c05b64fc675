import { INestApplicationContext } from '@nestjs/common';
import { User } from '@gv/accounts';
import { Role } from '@gv/core';
import { Notification, NotificationEvent } from '@gv/notifications';
import { Organisation, OrganisationType, RegistrationLevel } from '@gv/organisations';
import { Community } from '@gv/places';
import {
  bearer,
  createTestApp,
  createTestWorker,
  parseMail,
  resetDatabase,
  SmtpSink,
  SunkMail,
  TestApp,
} from '@gv/testing';

const ADMIN = 'admin@dongguan.example.cn';
const PASSWORD = 'org-pass-123';

/** Outbox rows of the review events, oldest first. */
function reviewRows(t: TestApp): Promise<Notification[]> {
  return t.ds.getRepository(Notification).find({
    where: [
      { event: NotificationEvent.OrganisationVerified },
      { event: NotificationEvent.OrganisationRejected },
    ],
    order: { id: 'ASC' },
  });
}

describe('organisations: review notifications through the outbox (MariaDB + Redis + SMTP)', () => {
  let t: TestApp;
  let worker: INestApplicationContext;
  let weiwan: Community;
  let admin: string;
  const smtp = new SmtpSink();

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({ SMTP_URL: smtp.url });
    worker = await createTestWorker({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await resetDatabase(t.ds, t.config);
    smtp.messages.length = 0;
    weiwan = await t.ds.getRepository(Community).findOneByOrFail({ code: 'weiwan' });
    admin = await bearer(t.http, ADMIN);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await smtp.stop();
  });

  /** Public sign-up (pending organisation + its first member, zh-CN). */
  async function signup(name: string, memberEmail: string): Promise<number> {
    const res = await t.http
      .post('/api/v1/organisations/signup')
      .send({
        name,
        type: 'mutual_aid',
        communityId: weiwan.id,
        registrationLevel: 'community',
        membersCount: 8,
        contactName: '孙丽',
        memberName: '孙丽',
        memberEmail,
        password: PASSWORD,
      })
      .expect(201);
    return res.body.organisation.id as number;
  }

  /** Another member account of the organisation. */
  async function addMember(
    organisationId: number,
    email: string,
    over: Partial<User> = {},
  ): Promise<User> {
    const users = t.ds.getRepository(User);
    return users.save(
      users.create({
        email,
        name: email,
        role: Role.OrgMember,
        communityId: null,
        organisationId,
        passwordHash: 'x',
        locale: 'zh-CN',
        active: true,
        lastLoginAt: null,
        ...over,
      }),
    );
  }

  it('verify writes one organisation.verified row per active member (their locale, ids only); a repeated verify is 409 and writes nothing', async () => {
    const id = await signup('苇湾社区邻里互助队', 'sun.li@example.cn');
    const first = await t.ds.getRepository(User).findOneByOrFail({ email: 'sun.li@example.cn' });
    const second = await addMember(id, 'li.ming@example.cn', { locale: 'en' });
    await addMember(id, 'left@example.cn', { active: false });
    // Another organisation's member hears nothing.
    const other = await t.ds
      .getRepository(Organisation)
      .findOneByOrFail({ name: '苇湾社区日间照料服务队' });
    await addMember(other.id, 'bystander@example.cn');

    await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    const rows = await reviewRows(t);
    expect(
      rows.map((r) => ({
        event: r.event,
        recipientUserId: r.recipientUserId,
        recipientEmail: r.recipientEmail,
        locale: r.locale,
        payload: JSON.parse(r.payload),
      })),
    ).toEqual([
      {
        event: 'organisation.verified',
        recipientUserId: first.id,
        recipientEmail: 'sun.li@example.cn',
        locale: 'zh-CN',
        payload: { organisationId: id },
      },
      {
        event: 'organisation.verified',
        recipientUserId: second.id,
        recipientEmail: 'li.ming@example.cn',
        locale: 'en',
        payload: { organisationId: id },
      },
    ]);

    const again = await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(409);
    expect(again.body.code).toBe('organisation_status_conflict');
    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '重复审核' })
      .expect(409);
    expect((await reviewRows(t)).map((r) => r.id)).toEqual(rows.map((r) => r.id));

    // The member's inbox shows the decision with its translated title.
    const member = await bearer(t.http, 'sun.li@example.cn', PASSWORD);
    const inbox = await t.http
      .get('/api/v1/inbox')
      .set('Authorization', `Bearer ${member}`)
      .expect(200);
    expect(inbox.body.items).toEqual([
      expect.objectContaining({
        event: 'organisation.verified',
        title: '社会组织已通过审核',
        ids: { organisationId: id },
      }),
    ]);
  });

  it('reject writes one organisation.rejected row per member; a reject without reason (400) or a second one (409) writes nothing', async () => {
    const id = await signup('苇湾社区修车队', 'qian@example.cn');
    const extra = await addMember(id, 'zhao@example.cn', { locale: 'en' });
    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({})
      .expect(400);
    expect(await reviewRows(t)).toEqual([]);

    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '缺少成立证明' })
      .expect(200);
    const rows = await reviewRows(t);
    expect(rows.map((r) => [r.event, r.recipientEmail, r.locale, r.payload])).toEqual([
      ['organisation.rejected', 'qian@example.cn', 'zh-CN', JSON.stringify({ organisationId: id })],
      ['organisation.rejected', 'zhao@example.cn', 'en', JSON.stringify({ organisationId: id })],
    ]);
    expect(rows[1].recipientUserId).toBe(extra.id);

    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '再次退回' })
      .expect(409);
    expect(await reviewRows(t)).toHaveLength(2);

    // A rejected organisation may still be verified later: that is a new decision, so a new row per member.
    await t.http
      .post(`/api/v1/organisations/${id}/verify`)
      .set('Authorization', `Bearer ${admin}`)
      .expect(200);
    expect((await reviewRows(t)).map((r) => [r.event, r.recipientEmail])).toEqual([
      ['organisation.rejected', 'qian@example.cn'],
      ['organisation.rejected', 'zhao@example.cn'],
      ['organisation.verified', 'qian@example.cn'],
      ['organisation.verified', 'zhao@example.cn'],
    ]);
  });

  it('tells the contact email when the organisation has no member account', async () => {
    const o = await t.ds.getRepository(Organisation).save(
      t.ds.getRepository(Organisation).create({
        name: '苇湾社区读书会',
        type: OrganisationType.CultureSport,
        communityId: weiwan.id,
        registrationLevel: RegistrationLevel.Community,
        contactName: '周',
        contactEmail: 'reading.club@example.cn',
        status: 'pending',
      }),
    );
    await t.http
      .post(`/api/v1/organisations/${o.id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '活动场地未落实' })
      .expect(200);
    const rows = await reviewRows(t);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      event: 'organisation.rejected',
      recipientUserId: null,
      recipientEmail: 'reading.club@example.cn',
      locale: 'zh-CN',
      payload: JSON.stringify({ organisationId: o.id }),
    });
  });

  it('emails the rejection in Chinese with the reason and a link to /my/organisation', async () => {
    const id = await signup('苇湾社区助浴服务队', 'wang.li@example.cn');
    await t.http
      .post(`/api/v1/organisations/${id}/reject`)
      .set('Authorization', `Bearer ${admin}`)
      .send({ reason: '登记材料不全，请补充成立证明' })
      .expect(200);
    // Waits for this member's mail (a late mail of an earlier test may arrive too).
    let mail: SunkMail | undefined;
    for (let n = 1; !mail; n++)
      mail = (await smtp.waitFor(n)).find((m) => m.to.includes('wang.li@example.cn'));
    expect(mail.to).toEqual(['wang.li@example.cn']);
    expect(mail.raw).toMatch(/Message-ID: <notification-\d+@gongyi-venture>/i);
    const parsed = await parseMail(mail.raw);
    expect(parsed.subject).toBe('社会组织审核未通过：苇湾社区助浴服务队');
    expect(parsed.html).toContain('<html lang="zh-CN">');
    expect(parsed.html).toContain('理由：登记材料不全，请补充成立证明');
    expect(parsed.text).toContain('您的组织未通过东关街道办事处审核');
    expect(parsed.text).toContain('理由：登记材料不全，请补充成立证明');
    expect(parsed.text).toContain('http://localhost:3000/my/organisation');
    const [row] = await reviewRows(t);
    expect(mail.raw).toContain(`<notification-${row.id}@gongyi-venture>`);
  });
});
