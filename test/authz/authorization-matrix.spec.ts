import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { ModulesContainer, Reflector } from '@nestjs/core';
import type { Response } from 'supertest';
import { Invitation, newToken, PasswordReset, User } from '@gv/accounts';
import { AuditLog } from '@gv/audit';
import { Call } from '@gv/calls';
import { IS_PUBLIC, ROLES as ROLES_KEY } from '@gv/core';
import { I18n } from '@gv/i18n';
import { Need } from '@gv/needs';
import { Notification, NotificationEvent } from '@gv/notifications';
import { Organisation } from '@gv/organisations';
import { PanelConflict, PanelMember } from '@gv/panels';
import {
  FileStorage,
  Proposal,
  ProposalAttachment,
  ProposalCommunity,
  ProposalStatus,
} from '@gv/proposals';
import { FundingAward, FundingOverride, FundingRun } from '@gv/funding';
import { ReviewSheet } from '@gv/reviews';
import { Screening, ScreeningCheck } from '@gv/screening';
import {
  Roadshow,
  RoadshowPitch,
  RoadshowSession,
  RoadshowUnavailability,
  wallClock,
} from '@gv/roadshows';
import {
  bearer,
  callPayload,
  createTestApp,
  csrfFrom,
  formLogin,
  openPage,
  resetDatabase,
  shanghaiInDays,
  TestApp,
} from '@gv/testing';
import {
  ACCESS_TABLE,
  AccessRow,
  expectedAllowed,
  NOT_ENDPOINTS,
  Role,
  ROLES,
  ruleOf,
  SCOPES,
} from './access-table';
import { DeliveryFixtures, deliveryFixtures } from '../delivery/authz-fixtures';
import { TrackingFixtures, trackingFixtures } from '../delivery/tracking-authz-fixtures';

/**
 * The authorisation matrix (#15): every served route × every role × every ownership case against the
 * declarative table in access-table.ts. A request is "allowed" when it gets past the gate (any answer
 * but 401/403/404/5xx or a redirect to the login; a 400 or 409 is past the gate), "denied" when it is
 * refused the way the platform refuses: 401 (API, page forms) or 303 to /login (page GETs) for the
 * anonymous, 403/404 for the signed in. Anything else (5xx, a CSRF refusal, an unknown route, a
 * signed-in caller answered 401) is a harness error and fails the case, and so is a refused write that
 * still left an audit row: nothing passes vacuously.
 *
 * State: one demo street for the whole run, with fixtures for each ownership case. Reads run first on
 * the untouched data, then writes; each route's refusals before its successes. Write bodies are chosen
 * to stop after the gate where they can (a wrong current password, an already verified organisation,
 * a closed submission window, a sheet already submitted: 400/409); records a case may delete are made
 * again on demand. AUTHZ_VERBOSE=1 prints every case.
 */

type SignedIn = Exclude<Role, 'anonymous'>;
const EMAILS: Record<SignedIn, string> = {
  org_member: 'org@dongguan.example.cn',
  community_staff: 'weiwan@dongguan.example.cn',
  street_admin: 'admin@dongguan.example.cn',
  judge: 'judge@dongguan.example.cn',
};
/** Staff of the other community and a panel member who is none of the actors. */
const OTHER_STAFF = 'gongfu@dongguan.example.cn';
const OTHER_PANELLIST = 'resident@dongguan.example.cn';

/** Demo proposals (libs/proposals/src/proposals.seed.ts) by title. */
const PROPOSALS = {
  /** Submitted, hosted by 苇湾; handed to the org member's organisation below. */
  own: '苇湾网上议事厅议题落地行动',
  /** Eligible, hosted by 苇湾, another organisation's. */
  otherOrg: '苇湾银龄日间照料与助餐',
  /** Submitted, hosted by 工福街. */
  otherCommunity: '工福街老旧小区邻里守望',
  /** A draft of another 苇湾 organisation. */
  otherDraft: '苇湾老年人智能手机课堂（草稿）',
} as const;

/** Eligible demo proposals the reviews cases use, by title. */
const REVIEWED = {
  assigned: '院校街白领志愿者联盟“周末一小时”',
  recused: '李家街微论坛议事员培育',
} as const;

interface Fixtures {
  userId: Record<SignedIn, number>;
  community: { own: number; otherCommunity: number };
  org: { own: number; otherOrg: number; otherCommunity: number };
  proposal: Record<keyof typeof PROPOSALS, number>;
  attachment: Record<keyof typeof PROPOSALS, number>;
  need: { own: number; otherCommunity: number };
  call: { published: number; upcoming: number };
  notificationOf: Map<number, number>;
  otherNotification: number;
  failedNotification: number;
  seatOf: Map<number, number>;
  otherSeat: number;
  roadshow: number;
  session: number;
  pitch: number;
  eligibleProposal: number;
  checkInCode: string;
  review: {
    /** An eligible proposal every seated actor scores. */
    assigned: number;
    /** An eligible proposal every seated actor is recused from. */
    recused: number;
    /** A submitted sheet of a panel member who is none of the actors. */
    sheet: number;
    chairUserId: number;
  };
  slot: { start: string; end: string };
  invitationToken: string;
  /** A usable "forgot password" link's token (the POST recipe never uses it up). */
  resetToken: string;
  /** A dry run (ranking version) of the published call, whose chair is review.chairUserId. */
  fundingRun: number;
  /** proposal id → an attachment of it (every proposal a judge case may name). */
  attachmentOf: Map<number, number>;
  /** Delivery: a project (and its first tranche) per organisation case, a clawback. */
  delivery: DeliveryFixtures;
  /** Delivery: a report (with a photo) and a milestone per organisation case, a change request. */
  tracking: TrackingFixtures;
}

interface Session {
  token?: string;
  cookies: string[];
  csrf: string;
}

interface Ctx {
  fx: Fixtures;
  row: AccessRow;
  role: Role;
  c: string;
  /** The caller's user id (undefined when anonymous). */
  me?: number;
}

type Params = Record<string, string | number | undefined>;

/** How to call a route when the defaults (parameters by their resource, empty body) do not do. */
interface Recipe {
  query?: (ctx: Ctx) => Params;
  body?: (ctx: Ctx) => Record<string, unknown> | Promise<Record<string, unknown>>;
  /** A PDF as multipart field `file`. */
  file?: true;
  /** Signs in again for this request: the route ends the session it is called with. */
  freshSession?: true;
}

/** The value, or a clear error when the demo data lacks it. */
function must<T>(v: T | null | undefined, what: string): T {
  if (v === null || v === undefined) throw new Error(`fixtures: no ${what} in the demo data`);
  return v;
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(64)]);

describe('authorisation matrix (routes × roles × ownership)', () => {
  let t: TestApp;
  let fx: Fixtures;
  const sessions = {} as Record<Role, Session>;
  let csrfMessage = '';
  let notFoundRouteMessage = '';

  beforeAll(async () => {
    t = await createTestApp({ SIGNUPS_PER_IP_PER_HOUR: '100000' });
    const i18n = t.app.get(I18n);
    csrfMessage = i18n.t('zh-CN', 'errors.csrf_invalid');
    notFoundRouteMessage = i18n.t('zh-CN', 'errors.route_not_found');
    await resetDatabase(t.ds, t.config);
    fx = await prepareFixtures();
    for (const role of ROLES) sessions[role] = await signIn(role);
  });
  afterAll(async () => {
    await t.close();
  });

  // ── the route table ─────────────────────────────────────────────────────────────────────────

  /** `METHOD /path` of every route the express router serves (`ALL` for a route bound to every method). */
  function servedRoutes(): string[] {
    const ex = t.app.getHttpAdapter().getInstance() as {
      router?: { stack: Layer[] };
      _router?: { stack: Layer[] };
    };
    const stack = (ex.router ?? ex._router)?.stack ?? [];
    const keys: string[] = [];
    for (const layer of stack) {
      if (!layer.route) continue;
      const methods = Object.keys(layer.route.methods).filter((m) => layer.route?.methods[m]);
      if (methods.length > 10 || methods.includes('_all')) keys.push(`ALL ${layer.route.path}`);
      else for (const m of methods) keys.push(`${m.toUpperCase()} ${layer.route.path}`);
    }
    return keys;
  }

  interface ControllerRoute {
    key: string;
    isPublic: boolean;
    roles?: string[];
  }
  /** The routes the Nest controllers declare, with their @Public / @Roles metadata. */
  function controllerRoutes(): ControllerRoute[] {
    const reflector = new Reflector();
    const join = (...parts: string[]) =>
      '/' +
      parts
        .flatMap((p) => p.split('/'))
        .filter(Boolean)
        .join('/');
    const out: ControllerRoute[] = [];
    for (const mod of t.app.get(ModulesContainer).values()) {
      for (const wrapper of mod.controllers.values()) {
        const cls = wrapper.metatype as (new (...a: never[]) => object) | null;
        if (!cls) continue;
        const base = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, cls) ?? '');
        const proto = cls.prototype as Record<string, unknown>;
        for (const name of Object.getOwnPropertyNames(proto)) {
          const handler = proto[name];
          if (name === 'constructor' || typeof handler !== 'function') continue;
          const path = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
          if (path === undefined) continue;
          const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as number];
          const targets = [handler as () => void, cls];
          for (const b of base)
            for (const p of ([] as string[]).concat(path))
              out.push({
                key: `${method} ${join(b, p)}`,
                isPublic: !!reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets),
                roles: reflector.getAllAndOverride<string[] | undefined>(ROLES_KEY, targets),
              });
        }
      }
    }
    return out;
  }

  it('has one row per served route and no row without a route', () => {
    const served = servedRoutes();
    const controllers = controllerRoutes().map((r) => r.key);
    expect(served.length).toBeGreaterThan(100);
    expect(controllers.length).toBeGreaterThan(100);
    // The router enumeration sees every controller route (so it cannot silently miss any).
    expect(controllers.filter((k) => !served.includes(k))).toEqual([]);
    const endpoints = served.filter((k) => !(k in NOT_ENDPOINTS));
    const withoutRow = endpoints.filter((k) => !(k in ACCESS_TABLE));
    const withoutRoute = Object.keys(ACCESS_TABLE).filter((k) => !served.includes(k));
    expect({ withoutRow, withoutRoute }).toEqual({ withoutRow: [], withoutRoute: [] });
    expect(Object.keys(NOT_ENDPOINTS).filter((k) => !served.includes(k))).toEqual([]);
  });

  it('grants no role more than the route decorators (@Public, @Roles) let through', () => {
    const problems: string[] = [];
    for (const r of controllerRoutes()) {
      const row = ACCESS_TABLE[r.key];
      if (!row) continue; // reported by the test above
      if (!r.isPublic && ruleOf(row, 'anonymous') !== 'deny')
        problems.push(`${r.key}: not @Public, the table lets the anonymous in`);
      if (r.roles?.length)
        for (const role of ROLES)
          if (role !== 'anonymous' && !r.roles.includes(role) && ruleOf(row, role) !== 'deny')
            problems.push(`${r.key}: @Roles(${r.roles.join(', ')}), the table lets ${role} in`);
    }
    expect(problems).toEqual([]);
  });

  // ── fixtures ────────────────────────────────────────────────────────────────────────────────

  async function prepareFixtures(): Promise<Fixtures> {
    const ds = t.ds;
    const userByEmail = async (email: string) => ds.getRepository(User).findOneByOrFail({ email });
    const userId = {} as Record<SignedIn, number>;
    for (const [role, email] of Object.entries(EMAILS) as [SignedIn, string][])
      userId[role] = (await userByEmail(email)).id;
    const member = await userByEmail(EMAILS.org_member);
    const staff = await userByEmail(EMAILS.community_staff);
    const otherStaff = await userByEmail(OTHER_STAFF);
    const ownCommunity = must(staff.communityId, 'community of the staff member');
    const otherCommunity = must(otherStaff.communityId, 'community of the other staff member');
    const ownOrg = await ds
      .getRepository(Organisation)
      .findOneByOrFail({ id: must(member.organisationId, 'organisation of the member') });
    expect(ownOrg.communityId).toBe(staff.communityId);

    const proposal = {} as Record<keyof typeof PROPOSALS, number>;
    const byTitle = new Map<string, Proposal>();
    for (const [k, title] of Object.entries(PROPOSALS) as [keyof typeof PROPOSALS, string][]) {
      const p = await ds.getRepository(Proposal).findOneByOrFail({ title });
      proposal[k] = p.id;
      byTitle.set(k, p);
    }
    // The seed gives the member's organisation no proposal: it takes over a submitted 苇湾 one.
    await ds.getRepository(Proposal).update(proposal.own, { organisationId: ownOrg.id });
    const otherOrg = must(byTitle.get('otherOrg'), 'proposal').organisationId;
    const otherCommunityOrg = must(byTitle.get('otherCommunity'), 'proposal').organisationId;
    expect(otherOrg).not.toBe(ownOrg.id);
    expect(
      (await ds.getRepository(Organisation).findOneByOrFail({ id: otherOrg })).communityId,
    ).toBe(staff.communityId);
    expect(must(byTitle.get('otherDraft'), 'draft').organisationId).not.toBe(ownOrg.id);
    expect(must(byTitle.get('otherDraft'), 'draft').currentVersion).toBe(0);

    const storage = t.app.get(FileStorage);
    const attachment = {} as Record<keyof typeof PROPOSALS, number>;
    for (const k of Object.keys(PROPOSALS) as (keyof typeof PROPOSALS)[]) {
      const key = `proposals/${proposal[k]}/authz-${k}.pdf`;
      await storage.put(key, PDF);
      const row = await ds.getRepository(ProposalAttachment).save({
        proposalId: proposal[k],
        fileName: `${k}.pdf`,
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        storageKey: key,
        uploadedById: null,
      });
      attachment[k] = row.id;
    }

    const openNeed = (communityId: number) =>
      ds.getRepository(Need).findOneOrFail({
        where: { communityId, status: 'open' },
        order: { id: 'ASC' },
      });
    const published = await ds.getRepository(Call).findOneByOrFail({ code: 'DG', year: 2026 });
    const admin = await bearer(t.http, EMAILS.street_admin);
    const d = shanghaiInDays;
    const upcoming = await t.http
      .post('/api/v1/calls')
      .set('Authorization', `Bearer ${admin}`)
      .send(
        callPayload({
          code: 'UP',
          title: '尚未开放的大赛',
          opensAt: d(5),
          submissionDeadline: d(15),
          screeningAt: d(16),
        }),
      )
      .expect(201);
    expect(upcoming.body.phase).toBe('upcoming');
    await t.http
      .post('/api/v1/invitations')
      .set('Authorization', `Bearer ${admin}`)
      .send({ email: 'authz-invitee@dongguan.example.cn', name: '受邀评审', role: 'judge' })
      .expect(201);
    const invitation = await ds
      .getRepository(Invitation)
      .findOneByOrFail({ email: 'authz-invitee@dongguan.example.cn' });

    let n = 0;
    const notification = async (recipient: User, status: 'sent' | 'failed') =>
      (
        await ds.getRepository(Notification).save({
          event: NotificationEvent.OrganisationVerified,
          recipientUserId: recipient.id,
          recipientEmail: recipient.email,
          locale: 'zh-CN' as const,
          payload: JSON.stringify({ organisationId: ownOrg.id }),
          dedupeKey: `authz-matrix-${++n}`,
          status,
          attempts: status === 'failed' ? 5 : 1,
          lastError: status === 'failed' ? 'smtp down' : null,
          sentAt: status === 'sent' ? new Date() : null,
        })
      ).id;
    const notificationOf = new Map<number, number>();
    for (const email of Object.values(EMAILS)) {
      const u = await userByEmail(email);
      notificationOf.set(u.id, await notification(u, 'sent'));
    }

    const seats = await ds.getRepository(PanelMember).findBy({ callId: published.id });
    const seatOf = new Map(seats.map((s) => [s.userId, s.id]));
    const outsider = await userByEmail(OTHER_PANELLIST);
    const roadshow = await ds.getRepository(Roadshow).findOneByOrFail({ callId: published.id });
    const pitch = await ds
      .getRepository(RoadshowPitch)
      .findOneOrFail({ where: { roadshowId: roadshow.id }, order: { id: 'ASC' } });
    const session = await ds
      .getRepository(RoadshowSession)
      .findOneByOrFail({ id: must(pitch.sessionId, 'session of the pitch') });

    // Reviews: every seated actor scores REVIEWED.assigned and is recused from REVIEWED.recused.
    const assigned = await ds.getRepository(Proposal).findOneByOrFail({ title: REVIEWED.assigned });
    const recused = await ds.getRepository(Proposal).findOneByOrFail({ title: REVIEWED.recused });
    for (const role of ['street_admin', 'judge', 'community_staff'] as const) {
      const memberId = must(seatOf.get(userId[role]), `panel seat of the ${role}`);
      await ds.getRepository(PanelConflict).delete({ memberId, proposalId: recused.id });
      await ds.getRepository(PanelConflict).insert({
        memberId,
        proposalId: recused.id,
        status: 'confirmed',
        source: 'declared',
        reason: '权限矩阵：回避',
        decidedById: null,
      });
    }
    const chair = must(
      seats.find((x) => x.isChair),
      'chair of the panel',
    );
    const sheet = await ds.getRepository(ReviewSheet).findOneByOrFail({
      proposalId: assigned.id,
      memberId: must(seatOf.get(outsider.id), 'seat of another panel member'),
      status: 'submitted',
    });

    // Funding: a dry run to approve, an override to remove and an award to withdraw (eligible proposal).
    const run = await ds.getRepository(FundingRun).save({
      callId: published.id,
      version:
        1 +
        ((await ds.getRepository(FundingRun).maximum('version', { callId: published.id })) ?? 0),
      rule: 'greedy',
      config: {},
      inputsHash: 'authz',
      resultHash: 'authz',
      budgetCapFen: 100,
      totalFundedFen: 0,
      status: 'dry_run',
      note: '',
    });
    await ds.getRepository(FundingOverride).save({
      callId: published.id,
      proposalId: pitch.proposalId,
      action: 'exclude',
      amountFen: null,
      reason: '权限矩阵',
    });
    // the seeded decision's award may already have its delivery project (children cascade)
    for (const a of await ds.getRepository(FundingAward).findBy({ proposalId: pitch.proposalId }))
      await ds.query('DELETE FROM delivery_project WHERE awardId = ?', [a.id]);
    await ds.getRepository(FundingAward).delete({ proposalId: pitch.proposalId });
    await ds.getRepository(FundingAward).save({
      callId: published.id,
      proposalId: pitch.proposalId,
      track: 'venture',
      requestedFen: 100000,
      amountFen: 100000,
      status: 'awarded',
      reason: '',
    });
    const attachmentOf = new Map<number, number>(
      (Object.keys(PROPOSALS) as (keyof typeof PROPOSALS)[]).map((k) => [
        proposal[k],
        attachment[k],
      ]),
    );
    for (const pid of [assigned.id, recused.id]) {
      const key = `proposals/${pid}/authz-review.pdf`;
      await storage.put(key, PDF).catch(() => undefined);
      const row = await ds.getRepository(ProposalAttachment).save({
        proposalId: pid,
        fileName: 'review.pdf',
        mimeType: 'application/pdf',
        sizeBytes: PDF.length,
        storageKey: key,
        uploadedById: null,
      });
      attachmentOf.set(pid, row.id);
    }
    const f: Fixtures = {
      attachmentOf,
      fundingRun: run.id,
      userId,
      community: { own: ownCommunity, otherCommunity },
      org: { own: ownOrg.id, otherOrg, otherCommunity: otherCommunityOrg },
      proposal,
      attachment,
      need: {
        own: (await openNeed(ownCommunity)).id,
        otherCommunity: (await openNeed(otherCommunity)).id,
      },
      call: { published: published.id, upcoming: upcoming.body.id as number },
      notificationOf,
      otherNotification: await notification(otherStaff, 'sent'),
      failedNotification: await notification(otherStaff, 'failed'),
      seatOf,
      otherSeat: must(seatOf.get(outsider.id), 'seat of another panel member'),
      roadshow: roadshow.id,
      session: session.id,
      pitch: pitch.id,
      eligibleProposal: pitch.proposalId,
      checkInCode: pitch.checkInCode,
      review: {
        assigned: assigned.id,
        recused: recused.id,
        sheet: sheet.id,
        chairUserId: chair.userId,
      },
      slot: { start: wallClock(session.startsAt), end: wallClock(session.endsAt) },
      invitationToken: must(invitation.pendingToken, 'invitation token'),
      resetToken: await resetLink(userId.judge),
      delivery: await deliveryFixtures(t, userId.street_admin, {
        own: proposal.own,
        otherOrg: proposal.otherOrg,
        otherCommunity: proposal.otherCommunity,
      }),
      tracking: await trackingFixtures(t, {
        own: proposal.own,
        otherOrg: proposal.otherOrg,
        otherCommunity: proposal.otherCommunity,
      }),
    };
    for (const org of Object.values(f.org)) await unavailabilityOf(f, org);
    return f;
  }

  /** A usable reset link of the account (valid for a day: longer than the matrix runs). */
  async function resetLink(userId: number): Promise<string> {
    const { token, hash } = newToken();
    await t.ds.getRepository(PasswordReset).save({
      userId,
      tokenHash: hash,
      pendingToken: null,
      expiresAt: new Date(Date.now() + 86400_000),
      sentAt: new Date(),
      usedAt: null,
      revokedAt: null,
      ip: null,
    });
    return token;
  }

  /** The override of the eligible proposal (made again if a case removed it). */
  async function overrideOf(f: Fixtures): Promise<number> {
    const repo = t.ds.getRepository(FundingOverride);
    if (!(await repo.existsBy({ proposalId: f.eligibleProposal })))
      await repo.save({
        callId: f.call.published,
        proposalId: f.eligibleProposal,
        action: 'exclude',
        amountFen: null,
        reason: '权限矩阵',
      });
    return f.eligibleProposal;
  }

  /** An unavailable time of the organisation on the roadshow (made again if a case deleted it). */
  async function unavailabilityOf(f: Fixtures, organisationId: number): Promise<number> {
    const repo = t.ds.getRepository(RoadshowUnavailability);
    const found = await repo.findOneBy({ roadshowId: f.roadshow, organisationId });
    if (found) return found.id;
    const [start, end] = [f.slot.start, f.slot.end].map((w) => new Date(`${w}:00+08:00`));
    return (
      await repo.save({
        roadshowId: f.roadshow,
        organisationId,
        startsAt: start,
        endsAt: end,
        note: `authz-unavailable-${organisationId}`,
      })
    ).id;
  }

  async function signIn(role: Role): Promise<Session> {
    if (role === 'anonymous') {
      const res = await t.http.get('/login').expect(200);
      const cookies = ((res.headers['set-cookie'] as unknown as string[]) ?? []).map(
        (c) => c.split(';')[0],
      );
      return { cookies, csrf: csrfFrom(res.text) };
    }
    const token = await bearer(t.http, EMAILS[role]);
    const session = await formLogin(t.http, EMAILS[role]);
    const page = await openPage(t.http, session, '/account/password');
    expect(page.csrf).not.toBe('');
    return { token, cookies: page.cookies, csrf: page.csrf };
  }

  // ── requests ────────────────────────────────────────────────────────────────────────────────

  const orgProfile = async (id: number) => {
    const o = await t.ds.getRepository(Organisation).findOneByOrFail({ id });
    const body: Record<string, unknown> = {
      name: o.name,
      type: o.type,
      communityId: o.communityId,
      registrationLevel: o.registrationLevel,
      creditCode: o.creditCode ?? undefined,
      foundedOn: o.foundedOn ?? undefined,
      incubatedBy: o.incubatedBy ?? undefined,
      membersCount: o.membersCount,
      contactName: o.contactName,
      contactPhone: o.contactPhone ?? undefined,
      contactEmail: o.contactEmail ?? undefined,
    };
    return Object.fromEntries(Object.entries(body).filter(([, v]) => v !== undefined));
  };
  const needBody = (ctx: Ctx) => ({
    communityId: ctx.fx.community[ctx.c as 'own' | 'otherCommunity'],
    title: '权限矩阵测试需求',
    description: '只用来检查谁能为哪个社区发布需求。',
    beneficiaryGroups: ['elderly'],
    beneficiaryCount: 10,
  });
  const orgOfCase = (ctx: Ctx) => ctx.fx.org[ctx.c as keyof Fixtures['org']];
  const declaration = (ctx: Ctx) => ({
    // Declaring recuses the member: on the proposal they are recused from already.
    proposalId: ctx.fx.review.recused,
    reason: '我曾担任该组织的顾问',
  });
  const diff = () => ({ from: 1, to: 1 });
  /** A wrong current password: checked after the gate, so nothing changes. */
  const wrongPassword = () => ({
    currentPassword: 'not-the-password',
    newPassword: 'Another!2026x',
  });

  const bankAccount = () => ({
    bankAccountName: '权限矩阵',
    bankName: '潍坊银行',
    bankAccountNo: '6222021600012345678',
  });
  const progressReport = () => ({
    beneficiaries: 1,
    serviceHours: 1,
    activities: 1,
    narrative: '权限矩阵',
  });
  const evaluation = () => ({
    kind: 'midterm',
    scores: { delivery: 24, resources: 16, finance: 20, results: 20 },
    comments: '权限矩阵',
  });

  const RECIPES: Record<string, Recipe> = {
    'DELETE /api/v1/auth/token': { freshSession: true },
    'POST /logout': { freshSession: true },
    'PUT /api/v1/me/password': { body: wrongPassword },
    'POST /account/password': { body: wrongPassword },
    'POST /invitations/:token': {
      body: () => ({ password: 'Abcdefgh!2026', passwordConfirm: 'Different!2026' }),
    },
    'POST /password/reset/:token': {
      body: () => ({ password: 'Abcdefgh!2026', passwordConfirm: 'Different!2026' }),
    },
    'PUT /api/v1/me/notification-preferences': { body: () => ({ emailOff: [] }) },
    'PUT /api/v1/organisations/:id': { body: (ctx) => orgProfile(orgOfCase(ctx)) },
    'POST /organisations/:id/edit': { body: (ctx) => orgProfile(orgOfCase(ctx)) },
    'POST /api/v1/organisations/:id/reject': { body: () => ({ reason: '材料不全' }) },
    'POST /organisations/:id/reject': { body: () => ({ reason: '材料不全' }) },
    'POST /api/v1/needs': { body: needBody },
    'PUT /api/v1/needs/:id': { body: needBody },
    'POST /needs/new': { body: needBody },
    'POST /needs/:id/edit': { body: needBody },
    'GET /proposals/new': { query: (ctx) => ({ callId: ctx.fx.call.published }) },
    'POST /proposals/new': { body: (ctx) => ({ callId: ctx.fx.call.published, title: '新草稿' }) },
    'POST /proposals/:id/edit': { body: () => ({ title: '改一下标题' }) },
    'GET /api/v1/proposals/:id/budget-diff': { query: diff },
    'GET /proposals/:id/diff': { query: diff },
    'POST /api/v1/proposals/:id/attachments': { file: true },
    'POST /proposals/:id/attachments': { file: true },
    'PUT /api/v1/proposals/:id/screening': { body: () => ({ decision: 'eligible' }) },
    'POST /staff/proposals/:id/screening': { body: () => ({ decision: 'eligible' }) },
    'POST /api/v1/panel-members/:id/conflicts': { body: declaration },
    'POST /my/panel/:memberId/declare': { body: declaration },
    'POST /api/v1/roadshows/:id/unavailability': {
      body: (ctx) => ({ organisationId: orgOfCase(ctx), ...ctx.fx.slot, note: '外出' }),
    },
    'POST /roadshows/:id/mine/unavailable': { body: (ctx) => ({ ...ctx.fx.slot, note: '外出' }) },
    // A real code (an unknown one is a 404 after the gate); checking in twice changes nothing.
    'POST /api/v1/roadshows/:id/check-in': { body: (ctx) => ({ code: ctx.fx.checkInCode }) },
    'POST /roadshows/:id/check-in': { body: (ctx) => ({ code: ctx.fx.checkInCode }) },
    'POST /api/v1/roadshow-pitches/:id/no-show': { body: () => ({ noShow: false }) },
    'POST /roadshow-pitches/:id/no-show': { body: () => ({ noShow: 'false' }) },
    'PUT /api/v1/roadshow-sessions/:id/minutes': { body: () => ({ notes: '权限矩阵' }) },
    // The seeded sheets are submitted: saving or submitting again is a 409 past the gate.
    'PUT /api/v1/reviews/proposals/:proposalId/sheet': { body: () => ({ scores: {}, version: 0 }) },
    'POST /api/v1/reviews/proposals/:proposalId/submit': { body: () => ({ version: 1 }) },
    'POST /reviews/proposals/:id': { body: () => ({ overall: '权限矩阵', version: '0' }) },
    'POST /api/v1/review-sheets/:id/unlock': { body: () => ({ reason: '权限矩阵复核' }) },
    'POST /api/v1/funding-runs/:id/approve': { body: () => ({ presentMemberIds: [] }) },
    'POST /api/v1/funding/awards/:proposalId/withdraw': { body: () => ({ reason: '权限矩阵' }) },
    'POST /review-sheets/:id/unlock': { body: () => ({ reason: '权限矩阵复核' }) },
    'PUT /api/v1/reviews/proposals/:proposalId/consensus': { body: () => ({ notes: '合议记录' }) },
    'POST /reviews/proposals/:id/consensus': { body: () => ({ notes: '合议记录' }) },
    'POST /roadshow-sessions/:id/minutes': { body: () => ({ notes: '权限矩阵' }) },
    // Delivery: valid bodies, so what is checked is the organisation's or the supervisor's right.
    'PUT /api/v1/delivery/projects/:id/agreement/bank-account': { body: bankAccount },
    'POST /delivery/projects/:id/agreement/bank-account': { body: bankAccount },
    'POST /api/v1/delivery/projects/:id/agreement/signed-copy': { file: true },
    'POST /delivery/projects/:id/agreement/signed-copy': { file: true },
    'POST /api/v1/delivery/projects/:id/evaluations': { body: evaluation },
    // Progress reports and milestone changes: valid bodies, so what is checked is the organisation's right.
    'POST /api/v1/delivery/projects/:id/reports': { body: progressReport },
    'PUT /api/v1/delivery/reports/:id': { body: progressReport },
    'POST /api/v1/delivery/reports/:id/files': { file: true },
    'POST /delivery/reports/:id/files': { file: true },
    'POST /api/v1/delivery/reports/:id/return': { body: () => ({ comments: '权限矩阵' }) },
    'POST /api/v1/delivery/milestones/:id/changes': {
      body: () => ({ deliverable: '权限矩阵', reason: '权限矩阵' }),
    },
  };

  /** The id a path parameter names, by the collection it follows; undefined: no such record for this caller. */
  async function param(segment: string, ctx: Ctx): Promise<string | number | undefined> {
    const { fx: f, row, c, me } = ctx;
    const scoped = (s: string) => row.scope === s;
    const personal = (own: Map<number, number>, other: number) =>
      c === 'own' ? (me === undefined ? undefined : own.get(me)) : other;
    const seated = me !== undefined && f.seatOf.has(me);
    const chairs = me === f.review.chairUserId;
    /** The chair's record and another's: undefined where the caller has no such case. */
    const chaired = <T>(mine: T | undefined, others: T | undefined) =>
      c === 'chaired' ? (chairs ? mine : undefined) : chairs ? others : mine;
    switch (segment) {
      case 'proposals':
        if (scoped('assignment'))
          return c === 'unassigned'
            ? seated
              ? f.proposal.otherDraft // a draft: never under review (a screening may make others eligible)
              : f.review.assigned
            : seated
              ? f.review[c as 'assigned' | 'recused']
              : undefined;
        if (scoped('chair')) return chaired(f.review.assigned, undefined);
        return f.proposal[scoped('proposal') ? (c as keyof Fixtures['proposal']) : 'own'];
      case 'review-sheets':
        return chaired(f.review.sheet, undefined);
      case 'attachments':
        if (scoped('assignment')) {
          const pid = await param('proposals', ctx);
          return pid === undefined ? undefined : f.attachmentOf.get(Number(pid));
        }
        return f.attachment[scoped('proposal') ? (c as keyof Fixtures['proposal']) : 'own'];
      case 'versions':
        return 1;
      case 'organisations':
        return f.org[scoped('organisation') ? (c as keyof Fixtures['org']) : 'own'];
      case 'needs':
        return f.need[scoped('community') ? (c as keyof Fixtures['need']) : 'own'];
      case 'vote':
      case 'results':
      case 'calls':
        if (scoped('chair')) return chaired(f.call.published, f.call.upcoming);
        return f.call[scoped('call') ? (c as keyof Fixtures['call']) : 'published'];
      case 'inbox':
        return personal(f.notificationOf, f.otherNotification);
      case 'notifications':
        return f.failedNotification;
      case 'users':
        return f.userId.org_member;
      case 'invitations':
        return f.invitationToken;
      case 'reset':
        return f.resetToken;
      case 'panel-members':
      case 'panel':
        return scoped('personal') ? personal(f.seatOf, f.otherSeat) : f.seatOf.get(f.userId.judge);
      case 'conflicts':
        return f.eligibleProposal;
      case 'roadshows':
        return f.roadshow;
      case 'roadshow-sessions':
        return f.session;
      case 'roadshow-pitches':
        return f.pitch;
      case 'roadshow-unavailability':
        return unavailabilityOf(f, f.org[c as keyof Fixtures['org']]);
      case 'funding-runs':
        return scoped('chair') ? chaired(f.fundingRun, undefined) : f.fundingRun;
      case 'overrides':
        return overrideOf(f);
      case 'awards':
        return f.eligibleProposal;
      case 'projects':
        return f.delivery.project[scoped('organisation') ? c : 'own'];
      case 'tranches':
        return f.delivery.tranche[scoped('organisation') ? c : 'own'];
      case 'clawbacks':
        return f.delivery.clawback;
      case 'reports':
        return f.tracking.report[scoped('organisation') ? c : 'own'];
      case 'files':
        return f.tracking.file[scoped('organisation') ? c : 'own'];
      case 'photos':
        return f.tracking.photo;
      case 'milestones':
        return f.tracking.milestone[scoped('organisation') ? c : 'own'];
      case 'milestone-changes':
        return f.tracking.change;
      default:
        throw new Error(`no fixture for a parameter after /${segment}/: add one in param()`);
    }
  }

  async function url(path: string, ctx: Ctx, recipe: Recipe): Promise<string | undefined> {
    const parts = path.split('/');
    for (let i = 0; i < parts.length; i++) {
      if (!parts[i].startsWith(':')) continue;
      const v = await param(parts[i - 1], ctx);
      if (v === undefined) return undefined;
      parts[i] = encodeURIComponent(String(v));
    }
    const q = recipe.query?.(ctx);
    const qs = q ? `?${new URLSearchParams(q as Record<string, string>).toString()}` : '';
    return parts.join('/') + qs;
  }

  async function freshSession(role: Role, api: boolean): Promise<Session> {
    if (role === 'anonymous') return sessions[role];
    if (api) return { token: await bearer(t.http, EMAILS[role]), cookies: [], csrf: '' };
    const page = await openPage(t.http, await formLogin(t.http, EMAILS[role]), '/account/password');
    return { cookies: page.cookies, csrf: page.csrf };
  }

  /** Sends the case's request; undefined when the case does not exist for this caller. */
  async function send(key: string, ctx: Ctx): Promise<Response | undefined> {
    const [method, path] = key.split(' ') as [string, string];
    const recipe = RECIPES[key] ?? {};
    const target = await url(path, ctx, recipe);
    if (target === undefined) return undefined;
    const api = path.startsWith('/api/');
    const s = recipe.freshSession ? await freshSession(ctx.role, api) : sessions[ctx.role];
    let req =
      t.http[method.toLowerCase() as 'get' | 'post' | 'put' | 'delete'](target).redirects(0);
    if (api) {
      if (s.token) req = req.set('Authorization', `Bearer ${s.token}`);
    } else {
      req = req.set('Cookie', s.cookies);
      if (method !== 'GET') req = req.set('x-csrf-token', s.csrf);
    }
    if (method === 'GET') return req;
    if (recipe.file)
      return req.attach('file', PDF, { filename: 'authz.pdf', contentType: 'application/pdf' });
    const body = (await recipe.body?.(ctx)) ?? {};
    return api ? req.send(body) : req.type('form').send(body);
  }

  type Verdict = { v: 'allowed' | 'denied' | 'error'; why: string };
  function verdict(key: string, role: Role, res: Response): Verdict {
    const [method, path] = key.split(' ');
    const api = path.startsWith('/api/');
    const s = res.status;
    const code = (res.body as { code?: string } | undefined)?.code;
    const location = String(res.headers['location'] ?? '');
    const why = `${s}${code ? ` ${code}` : ''}${location ? ` → ${location}` : ''}`;
    if (s >= 500) return { v: 'error', why };
    if (s === 429) return { v: 'error', why: `${why} (throttled: the harness ran into a limit)` };
    if (code === 'csrf_invalid' || (!api && s === 403 && res.text.includes(csrfMessage)))
      return { v: 'error', why: `${why} (CSRF refusal, not the gate)` };
    if (
      code === 'route_not_found' ||
      (!api && s === 404 && res.text.includes(notFoundRouteMessage))
    )
      return { v: 'error', why: `${why} (no such route: the URL is wrong)` };
    const toLogin = s === 303 && location.startsWith('/login');
    if (!toLogin && ![401, 403, 404].includes(s)) return { v: 'allowed', why };
    // Denied: check it was refused the way this caller should be.
    if (role === 'anonymous') {
      // A public route scoped to some records (anonymous: 'own') hides the others with a 404.
      const scopedPublic = ACCESS_TABLE[key] && ruleOf(ACCESS_TABLE[key], 'anonymous') === 'own';
      const expected =
        (scopedPublic && s === 404) || (!api && method === 'GET' ? toLogin : s === 401);
      return expected
        ? { v: 'denied', why }
        : {
            v: 'error',
            why: `${why} (the anonymous should get ${!api && method === 'GET' ? '303 → /login' : '401'})`,
          };
    }
    return s === 403 || s === 404
      ? { v: 'denied', why }
      : { v: 'error', why: `${why} (a signed-in caller should get 403/404, not a sign-in prompt)` };
  }

  // ── what the allowed answers contain ────────────────────────────────────────────────────────

  const api = (role: SignedIn, path: string) =>
    t.http.get(path).set('Authorization', `Bearer ${sessions[role].token}`);
  const pageAs = (role: Role, path: string) =>
    t.http.get(path).set('Cookie', sessions[role].cookies);
  const items = async (role: SignedIn, path: string) => {
    const res = await api(role, path).expect(200);
    return res.body.items as Array<Record<string, unknown>>;
  };

  it('lists and pages show each role only what is in its scope', async () => {
    const f = fx;
    const other = f.community.otherCommunity;
    // Organisations: a member sees its own, staff their community's, whatever the filter says.
    const mine = await items('org_member', '/api/v1/organisations?pageSize=100');
    expect(mine.map((o) => o.id)).toEqual([f.org.own]);
    expect(await items('org_member', `/api/v1/organisations?communityId=${other}`)).toEqual([]);
    const staffOrgs = await items('community_staff', '/api/v1/organisations?pageSize=100');
    expect(staffOrgs.length).toBeGreaterThan(1);
    expect(new Set(staffOrgs.map((o) => o.communityId))).toEqual(new Set([f.community.own]));
    expect(await items('community_staff', `/api/v1/organisations?communityId=${other}`)).toEqual(
      [],
    );

    // Proposals: a member its organisation's, staff what their community hosts, nobody others' drafts.
    const own = await items('org_member', '/api/v1/proposals?pageSize=100');
    expect(own.map((p) => p.id)).toEqual([f.proposal.own]);
    expect(await items('org_member', `/api/v1/proposals?communityId=${other}`)).toEqual([]);
    const hosted = await items('community_staff', '/api/v1/proposals?pageSize=100');
    expect(hosted.map((p) => p.id).sort()).toEqual([f.proposal.own, f.proposal.otherOrg].sort());
    expect(await items('community_staff', `/api/v1/proposals?communityId=${other}`)).toEqual([]);
    const all = await items('street_admin', '/api/v1/proposals?pageSize=100');
    expect(all.length).toBeGreaterThan(5);
    expect(all.filter((p) => p.currentVersion === 0)).toEqual([]);
    const number = async (id: number) =>
      (await t.ds.getRepository(Proposal).findOneByOrFail({ id })).number ?? '—';
    const staffPage = await pageAs(
      'community_staff',
      `/staff/proposals?communityId=${other}`,
    ).expect(200);
    expect(staffPage.text).not.toContain(await number(f.proposal.otherCommunity));
    const minePage = await pageAs('org_member', '/my/proposals').expect(200);
    expect(minePage.text).toContain(PROPOSALS.own);
    expect(minePage.text).not.toContain(PROPOSALS.otherOrg);

    // The inbox: one's own notifications only.
    for (const role of Object.keys(EMAILS) as SignedIn[]) {
      const inbox = await items(role, '/api/v1/inbox?pageSize=100');
      const ids = await t.ds
        .getRepository(Notification)
        .findBy({ recipientUserId: f.userId[role] });
      expect(inbox.map((n) => n.id).sort()).toEqual(ids.map((n) => n.id).sort());
      expect(inbox.map((n) => n.id)).not.toContain(f.otherNotification);
    }

    // Panel seats: one's own.
    const seats = await items('judge', '/api/v1/panel/seats');
    expect(seats.map((s) => s.memberId)).toEqual([f.seatOf.get(f.userId.judge)]);
    expect(await items('org_member', '/api/v1/panel/seats')).toEqual([]);

    // The review queue: one's own seats, without what one is recused from.
    for (const role of ['judge', 'community_staff'] as const) {
      const queue = await items(role, '/api/v1/reviews/queue');
      expect(queue.map((q) => q.memberId)).toEqual([f.seatOf.get(f.userId[role])]);
      const ids = (queue[0].proposals as { proposalId: number }[]).map((p) => p.proposalId);
      expect(ids).toContain(f.review.assigned);
      expect(ids).not.toContain(f.review.recused);
    }
    expect(await items('org_member', '/api/v1/reviews/queue')).toEqual([]);

    // Roadshow: an organisation sees its own unavailable times and never another's check-in code.
    const away = await items('org_member', `/api/v1/roadshows/${f.roadshow}/unavailability`);
    expect(away.map((u) => u.organisationId)).toEqual([f.org.own]);
    const codes = (await t.ds.getRepository(RoadshowPitch).findBy({ roadshowId: f.roadshow })).map(
      (p) => p.checkInCode,
    );
    expect(codes.length).toBeGreaterThan(0);
    const mineRoadshow = await pageAs('org_member', `/roadshows/${f.roadshow}/mine`).expect(200);
    const agendaPage = await pageAs('anonymous', `/roadshows/${f.roadshow}/agenda`).expect(200);
    const agenda = await t.http.get(`/api/v1/roadshows/${f.roadshow}/published-agenda`).expect(200);
    for (const code of codes)
      for (const text of [mineRoadshow.text, agendaPage.text, JSON.stringify(agenda.body)])
        expect(text).not.toContain(code);
    for (const org of [f.org.otherOrg, f.org.otherCommunity])
      expect(mineRoadshow.text).not.toContain(`authz-unavailable-${org}`);
    expect(mineRoadshow.text).toContain(`authz-unavailable-${f.org.own}`);
  });

  it('never reaches a record through another one, nor shows what was not submitted', async () => {
    const f = fx;
    const auth = (role: SignedIn) => ({ Authorization: `Bearer ${sessions[role].token}` });
    // An attachment through a proposal it does not belong to.
    const cross = `/api/v1/proposals/${f.proposal.own}/attachments/${f.attachment.otherOrg}`;
    await t.http.get(cross).set(auth('org_member')).expect(404);
    // Deleting needs an editable proposal (else 409 first): returned for correction, for a moment.
    const proposals = t.ds.getRepository(Proposal);
    const before = await proposals.findOneByOrFail({ id: f.proposal.own });
    await proposals.update(before.id, {
      status: ProposalStatus.Returned,
      correctionDeadline: new Date(Date.now() + 86400_000),
    });
    try {
      await t.http.delete(cross).set(auth('org_member')).expect(404);
    } finally {
      await proposals.update(before.id, {
        status: before.status,
        correctionDeadline: before.correctionDeadline,
      });
    }
    await pageAs(
      'org_member',
      `/proposals/${f.proposal.own}/attachments/${f.attachment.otherOrg}`,
    ).expect(404);
    await t.http
      .get(`/api/v1/proposals/${f.proposal.otherOrg}/attachments/${f.attachment.otherCommunity}`)
      .set(auth('community_staff'))
      .expect(404);
    expect(
      await t.ds.getRepository(ProposalAttachment).existsBy({ id: f.attachment.otherOrg }),
    ).toBe(true);

    // The working copy (version 0) is the organisation's alone.
    const wc = `/api/v1/proposals/${f.proposal.own}/versions/0`;
    await t.http.get(wc).set(auth('org_member')).expect(200);
    for (const role of ['community_staff', 'street_admin'] as const) {
      await t.http.get(wc).set(auth(role)).expect(404);
      await t.http
        .get(`/api/v1/proposals/${f.proposal.own}/budget-diff?from=0&to=1`)
        .set(auth(role))
        .expect(404);
      await pageAs(role, `/proposals/${f.proposal.own}/versions/0`).expect(404);
    }

    // A screening decision stays with the staff until it is published.
    const reason = '权限矩阵：未公布的审查意见';
    await t.http
      .put(`/api/v1/proposals/${f.proposal.own}/screening`)
      .set(auth('community_staff'))
      .send({ decision: 'rejected', reason })
      .expect(200);
    try {
      const asStaff = await t.http
        .get(`/api/v1/proposals/${f.proposal.own}`)
        .set(auth('community_staff'))
        .expect(200);
      expect(JSON.stringify(asStaff.body)).toContain(reason);
      const asMember = await t.http
        .get(`/api/v1/proposals/${f.proposal.own}`)
        .set(auth('org_member'))
        .expect(200);
      expect(JSON.stringify(asMember.body)).not.toContain(reason);
      expect(
        (await pageAs('org_member', `/proposals/${f.proposal.own}`).expect(200)).text,
      ).not.toContain(reason);
    } finally {
      await t.ds.getRepository(ScreeningCheck).delete({ proposalId: f.proposal.own });
      await t.ds.getRepository(Screening).delete({ proposalId: f.proposal.own });
    }

    // Staff see a proposal by the host communities of what was submitted: moving the working copy
    // to another community shows it to nobody new.
    const hosts = t.ds.getRepository(ProposalCommunity);
    const workingCopy = { proposalId: f.proposal.own, version: 0 };
    await hosts.update(workingCopy, { communityId: f.community.otherCommunity });
    try {
      const gongfu = { Authorization: `Bearer ${await bearer(t.http, OTHER_STAFF)}` };
      await t.http.get(`/api/v1/proposals/${f.proposal.own}`).set(gongfu).expect(404);
      const listed = await t.http.get('/api/v1/proposals?pageSize=100').set(gongfu).expect(200);
      expect(listed.body.items.map((p: { id: number }) => p.id)).not.toContain(f.proposal.own);
      await t.http
        .get(`/api/v1/proposals/${f.proposal.own}`)
        .set(auth('community_staff'))
        .expect(200);
    } finally {
      await hosts.update(workingCopy, { communityId: f.community.own });
    }

    // Community staff cannot move their community's need to another community.
    const need = await t.ds.getRepository(Need).findOneByOrFail({ id: f.need.own });
    const moved = {
      communityId: f.community.otherCommunity,
      title: need.title,
      description: need.description,
      beneficiaryGroups: need.beneficiaryGroups,
      beneficiaryCount: need.beneficiaryCount,
    };
    const res = await t.http
      .put(`/api/v1/needs/${need.id}`)
      .set(auth('community_staff'))
      .send(moved);
    expect([res.status, res.body.code]).toEqual([403, 'need_other_community']);
    const s = sessions.community_staff;
    await t.http
      .post(`/needs/${need.id}/edit`)
      .set('Cookie', s.cookies)
      .set('x-csrf-token', s.csrf)
      .type('form')
      .send({ ...moved, beneficiaryGroups: need.beneficiaryGroups[0] })
      .expect(403);
    expect((await t.ds.getRepository(Need).findOneByOrFail({ id: need.id })).communityId).toBe(
      f.community.own,
    );
  });

  /** Audit rows so far (every write of the platform records one in its transaction). */
  const writes = () => t.ds.getRepository(AuditLog).count();

  // ── the matrix ──────────────────────────────────────────────────────────────────────────────

  it('lets every role through exactly where the table says, on own and others’ records', async () => {
    const keys = Object.keys(ACCESS_TABLE);
    // Reads first, on the untouched demo street; then the writes (each route's refusals before its
    // successes, so a refused request always meets the record as fixtures made it).
    const ordered = [
      ...keys.filter((k) => k.startsWith('GET ')),
      ...keys.filter((k) => !k.startsWith('GET ')),
    ];
    const failures: string[] = [];
    const known = new Map<string, string[]>();
    const statuses = new Map<string, number>();
    let checked = 0;
    let skipped = 0;
    let allowedCases = 0;
    let deniedCases = 0;
    const started = Date.now();
    for (const key of ordered) {
      const row = ACCESS_TABLE[key];
      const cases: { role: Role; c: string; allow: boolean }[] = [];
      for (const c of SCOPES[row.scope])
        for (const role of ROLES) cases.push({ role, c, allow: expectedAllowed(row, role, c) });
      cases.sort((a, b) => Number(a.allow) - Number(b.allow));
      for (const { role, c, allow } of cases) {
        const me = role === 'anonymous' ? undefined : fx.userId[role];
        // Every write is audited in its own transaction: a refused write must leave no audit row.
        const write = !key.startsWith('GET ');
        const writesBefore = write ? await writes() : 0;
        const res = await send(key, { fx, row, role, c, me });
        if (!res) {
          skipped++;
          continue;
        }
        checked++;
        let got = verdict(key, role, res);
        if (got.v === 'denied' && write && (await writes()) !== writesBefore)
          got = { v: 'error', why: `${got.why}, yet it wrote an audit row` };
        statuses.set(`${got.v} ${res.status}`, (statuses.get(`${got.v} ${res.status}`) ?? 0) + 1);
        const label = `${key} as ${role} on ${c}: expected ${allow ? 'allowed' : 'denied'}, got ${got.v} (${got.why})`;
        if (process.env['AUTHZ_VERBOSE']) console.log(label);
        if (got.v === 'error') failures.push(label);
        else if ((got.v === 'allowed') !== allow) {
          if (row.knownIssue) known.set(key, [...(known.get(key) ?? []), label]);
          else failures.push(label);
        } else if (allow) allowedCases++;
        else deniedCases++;
      }
      if (row.knownIssue && !known.has(key))
        failures.push(
          `${key}: its known issue no longer shows (fixed?): drop knownIssue from the row`,
        );
    }
    const cases = Object.values(SCOPES).reduce((n, cs) => n + cs.length, 0);
    const lines = [
      'Authorisation matrix',
      `  routes: ${keys.length} (+${Object.keys(NOT_ENDPOINTS).length} served but no endpoint: ${Object.keys(NOT_ENDPOINTS).join(', ')})`,
      `  roles: ${ROLES.length} (${ROLES.join(', ')})`,
      `  ownership cases: ${cases} over ${Object.keys(SCOPES).length} scopes (${Object.entries(
        SCOPES,
      )
        .map(([s, cs]) => `${s}: ${cs.join('/')}`)
        .join('; ')})`,
      `  cases checked: ${checked} (allowed as expected ${allowedCases}, denied as expected ${deniedCases}; ${skipped} not applicable: no such record for the caller)`,
      `  answers: ${[...statuses]
        .sort()
        .map(([k, n]) => `${k}×${n}`)
        .join(', ')}`,
      `  known issues still open: ${[...known.values()].flat().length} case(s) on ${known.size} route(s)`,
      ...[...known].map(
        ([k, ls]) => `    ${k}: ${ACCESS_TABLE[k].knownIssue}\n      ${ls.join('\n      ')}`,
      ),
      `  failures: ${failures.length}`,
      `  time: ${((Date.now() - started) / 1000).toFixed(1)} s`,
    ];
    console.log(lines.join('\n'));
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(keys.length * ROLES.length);
    expect(allowedCases).toBeGreaterThan(0);
    expect(deniedCases).toBeGreaterThan(0);
  }, 240_000);
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}
