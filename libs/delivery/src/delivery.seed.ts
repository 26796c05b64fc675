import { join } from 'node:path';
import { EntityManager } from 'typeorm';
import { User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { AppConfig } from '@gv/config';
import { Actor, Clock, Role } from '@gv/core';
import { managerAsDataSource } from '@gv/database';
import { FundingAward, fundingMessages, seedServices } from '@gv/funding';
import { I18n } from '@gv/i18n';
import { Organisation } from '@gv/organisations';
import { LocalDiskStorage, Proposal, ProposalBudgetLine } from '@gv/proposals';
import { JobName, JobPayloads, JobProducer } from '@gv/queue';
import { SeedEnv } from '@gv/web';
import { AgreementsService } from './agreements.service';
import { ClosureService } from './closure.service';
import { deliveryMessages } from './delivery.messages';
import { DemoSitesService } from './demo-sites.service';
import { DisbursementsService } from './disbursements.service';
import {
  DeliveryEvaluation,
  DeliveryMilestone,
  DeliveryProject,
  GrantAgreement,
  ProgressReport,
  Tranche,
} from './entities/delivery.entity';
import { EvaluationsService } from './evaluations.service';
import { MilestoneTracking } from './milestone-tracking';
import { ProjectsService } from './projects.service';
import { ReportsService } from './reports.service';
import { addDays, daysBetween, shanghaiToday } from './tracking-support';

/** The demo's finance officer: a second street admin, so payments are recorded by another person. */
export const DEMO_FINANCE = { email: 'caiwu@dongguan.example.cn', name: '孙丽（街道财务）' };

/** Sign-in accounts of the demo projects' organisations (one member each, the demo password). */
export const DEMO_PROJECT_MEMBERS = [
  { email: 'xiangmu1@dongguan.example.cn', name: '周红（项目负责人）' },
  { email: 'xiangmu2@dongguan.example.cn', name: '吴强（项目负责人）' },
  { email: 'xiangmu3@dongguan.example.cn', name: '郑洁（项目负责人）' },
] as const;

/** A small PDF: what the signed copy upload checks is its leading bytes. */
const SIGNED_PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n% 资助协议（双方签字盖章）\n'),
  Buffer.alloc(512, 0x20),
]);

const actorOf = (u: User): Actor => ({
  userId: u.id,
  roles: [u.role],
  communityId: u.communityId,
  organisationId: u.organisationId,
});

class FixedClock extends Clock {
  constructor(private readonly at: Date) {
    super();
  }
  now(): Date {
    return this.at;
  }
}

/** Collects the sweep's step jobs; the seed then runs each one in this transaction. */
class CollectingProducer extends JobProducer {
  readonly steps: JobPayloads[JobName.MilestoneStep][] = [];
  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<void> {
    if (name === JobName.MilestoneStep)
      this.steps.push(payload as JobPayloads[JobName.MilestoneStep]);
  }
  override async enqueueMany<N extends JobName>(
    name: N,
    jobs: { payload: JobPayloads[N] }[],
  ): Promise<void> {
    for (const j of jobs) await this.enqueue(name, j.payload);
  }
}

/** The context's services inside the seed's one transaction (no domain-event handlers). */
function services(m: EntityManager, env: SeedEnv) {
  const ds = managerAsDataSource(m);
  const audit = new AuditService(ds);
  const config = env.config ?? new AppConfig();
  const storage = new LocalDiskStorage(join(config.VAR_DIR, 'uploads'));
  const projects = new ProjectsService(ds, audit);
  const { funding } = seedServices(m);
  const disbursements = new DisbursementsService(
    ds,
    audit,
    projects,
    funding,
    new I18n([deliveryMessages, fundingMessages]),
  );
  const producer = new CollectingProducer();
  return {
    projects,
    agreements: new AgreementsService(ds, audit, projects, storage, config),
    disbursements,
    evaluations: new EvaluationsService(ds, audit, disbursements),
    reports: new ReportsService(ds, audit, projects, storage, config),
    closure: new ClosureService(ds, audit, projects),
    demoSites: new DemoSitesService(ds, audit),
    producer,
    tracking: new MilestoneTracking(ds, producer, config, new FixedClock(env.now), audit),
  };
}

/**
 * The demo's delivery (实施), by the real services, dates relative to `now`. Of the four seeded
 * awards, three projects have started (their period begun 150 days ago):
 *  - on track: agreement signed and checked, the first tranche paid, the first milestone's report
 *    accepted, the mid-term evaluation due in a month;
 *  - at risk: two milestones overdue — the tracking jobs sent the overdue notices, the escalation
 *    (督办) and flagged the project at risk;
 *  - completed: both evaluations passed, every tranche paid, closed on its reports' accounts, and
 *    awarded as a demonstration site (示范点) from this year's budget;
 * the fourth award waits to be started (the "awaiting" list). The tracking sweep is caught up at
 * `now` here, so a running worker finds nothing due at first (the notifications are the demo's
 * history: the platform seed marks them sent).
 */
export async function seedDelivery(m: EntityManager, env: SeedEnv): Promise<void> {
  const admin = await m.findOne(User, {
    where: { role: Role.StreetAdmin, active: true },
    order: { id: 'ASC' },
  });
  const judge = await m.findOne(User, { where: { role: Role.Judge }, order: { id: 'ASC' } });
  const awards = await m.find(FundingAward, { where: { status: 'awarded' }, order: { id: 'ASC' } });
  if (!admin || !judge || awards.length < 3) return;
  const s = services(m, env);
  const today = shanghaiToday(env.now);
  const day = (n: number) => addDays(today, n);
  const street = actorOf(admin);
  const finance = actorOf(await addUser(m, env, DEMO_FINANCE, Role.StreetAdmin, null));

  const [onTrack, atRisk, completed] = [awards[0], awards[2], awards[1]];
  const started: { p: DeliveryProject; member: Actor }[] = [];
  for (const [i, a] of [onTrack, atRisk, completed].entries()) {
    const p = await s.projects.start(street, a.id);
    const org = await m.findOneByOrFail(Organisation, { id: p.organisationId });
    const who = DEMO_PROJECT_MEMBERS[i];
    const member = await addUser(
      m,
      env,
      { email: who.email, name: who.name.replace('项目负责人', org.name) },
      Role.OrgMember,
      org.id,
    );
    // The project has been running for five months (the demo shows delivery under way).
    await m.update(DeliveryProject, p.id, { startsOn: day(-150) });
    started.push({ p, member: actorOf(member) });
  }
  const [a, b, c] = started;
  const dates: [number, number][] = [
    [-120, 30], // on track: started on time, the mid-term evaluation in a month
    [-60, -20], // at risk: both overdue
    [-120, -40], // completed
  ];
  for (const [k, { p }] of started.entries()) {
    const ms = await m.find(DeliveryMilestone, {
      where: { projectId: p.id },
      order: { seq: 'ASC' },
    });
    for (const [j, x] of ms.entries())
      await m.update(DeliveryMilestone, x.id, { dueOn: day(dates[k][j] ?? dates[k][1] + 30 * j) });
  }

  // Agreements: 50-30-20, bank account and signed copy by the organisation, checked by the office.
  for (const [k, { p, member }] of started.entries()) {
    await s.agreements.issue(street, p.id, { template: '50-30-20' });
    await s.agreements.setBankAccount(member, p.id, {
      bankAccountName: (await m.findOneByOrFail(Organisation, { id: p.organisationId })).name,
      bankName: '潍坊银行奎文支行',
      bankAccountNo: `6222 0216 0001 23${k} ${k}56 78${k}`,
    });
    await s.agreements.uploadSigned(member, p.id, {
      originalname: '资助协议（盖章）.pdf',
      mimetype: 'application/pdf',
      size: SIGNED_PDF.length,
      buffer: SIGNED_PDF,
    });
    await s.agreements.check(street, p.id);
  }

  const tranches = async (projectId: number) =>
    m.find(Tranche, { where: { projectId }, order: { seq: 'ASC' } });
  const pay = async (member: Actor, t: Tranche, paidOn: string, ref: string) => {
    await s.disbursements.request(member, t.id);
    await s.disbursements.approve(street, t.id);
    await s.disbursements.pay(finance, t.id, { bankReference: ref, paidAt: paidOn });
  };
  const lines = async (p: DeliveryProject) => {
    const proposal = await m.findOneByOrFail(Proposal, { id: p.proposalId });
    return m.find(ProposalBudgetLine, {
      where: { proposalId: p.proposalId, version: proposal.currentVersion },
      order: { position: 'ASC' },
    });
  };
  const report = async (
    { p, member }: { p: DeliveryProject; member: Actor },
    milestoneSeq: number,
    figures: { beneficiaries: number; serviceHours: number; activities: number },
    narrative: string,
    spentShare: number,
  ) => {
    const ms = await m.findOneByOrFail(DeliveryMilestone, { projectId: p.id, seq: milestoneSeq });
    const budget = await lines(p);
    const r = await s.reports.create(member, p.id, {
      milestoneId: ms.id,
      ...figures,
      narrative,
      spending: budget.map((l) => ({
        budgetLineId: l.id,
        spentFen: Math.floor(l.subtotalFen * spentShare),
      })),
    });
    await s.reports.decide(street, r.report.id, 'accept', { comments: '材料齐全，同意。' });
  };

  // On track: the first tranche paid, the first milestone's report accepted.
  await pay(a.member, (await tranches(a.p.id))[0], day(-140), 'WFB-2026-0001');
  await report(
    a,
    1,
    { beneficiaries: 36, serviceHours: 120, activities: 12 },
    '完成服务对象走访与建档 36 户，助餐点试运行，志愿者 12 人完成培训。',
    0.3,
  );

  // At risk: paid on signing, then nothing delivered.
  await pay(b.member, (await tranches(b.p.id))[0], day(-130), 'WFB-2026-0002');

  // Completed: reports on both milestones, evaluations passed, every tranche paid, closed.
  const [c1, c2, c3] = await tranches(c.p.id);
  await pay(c.member, c1, day(-145), 'WFB-2026-0003');
  await report(
    c,
    1,
    { beneficiaries: 24, serviceHours: 96, activities: 8 },
    '志愿者招募与培训完成，“周末一小时”服务清单发布。',
    0.5,
  );
  await s.projects.assignEvaluator(street, c.p.id, judge.id);
  const evaluator = actorOf(judge);
  await s.evaluations.evaluate(evaluator, c.p.id, {
    kind: 'midterm',
    scores: { delivery: 26, resources: 17, finance: 21, results: 21 },
    comments: '按计划推进，台账清楚。',
  });
  await pay(c.member, c2, day(-80), 'WFB-2026-0004');
  await report(
    c,
    2,
    { beneficiaries: 58, serviceHours: 310, activities: 22 },
    '本期开展周末服务 22 次，服务居民 58 人次，志愿服务形成每周固定时段的常态化机制。',
    0.5,
  );
  await s.evaluations.evaluate(evaluator, c.p.id, {
    kind: 'final',
    scores: { delivery: 28, resources: 18, finance: 22, results: 23 },
    comments: '目标全部完成，居民满意度高，建议推广。',
  });
  await pay(c.member, c3, day(-30), 'WFB-2026-0005');
  await s.closure.close(street, c.p.id, {
    unspentReturnedFen: 0,
    finalReport: '项目按期结项：服务居民 82 人次，志愿服务 406 小时，经费按预算使用。',
  });
  const year = Number(today.slice(0, 4));
  await s.demoSites.setBudget(street, year, 2_000_000);
  await s.demoSites.nominate(street, c.p.id, '志愿服务常态化，可在其他社区复制。');
  await s.demoSites.award(street, c.p.id, 800_000);

  await backdate(m, started, day);

  // The tracking sweep caught up at `now`: reminders, overdue notices, escalation, at-risk flag.
  await s.tracking.sweep({}, undefined, env.now);
  for (const step of s.producer.steps) await s.tracking.step(step, undefined, env.now);
}

async function addUser(
  m: EntityManager,
  env: SeedEnv,
  who: { email: string; name: string },
  role: Role,
  organisationId: number | null,
): Promise<User> {
  const found = await m.findOneBy(User, { email: who.email });
  if (found) return found;
  await m.insert(User, {
    email: who.email,
    name: who.name,
    role,
    communityId: null,
    organisationId,
    passwordHash: env.passwordHash,
    locale: 'zh-CN',
    active: true,
    lastLoginAt: null,
  });
  return m.findOneByOrFail(User, { email: who.email });
}

/**
 * The demo's history: the services stamp what they do with the moment of seeding; the projects have
 * been running for five months, so their agreements, payments, reports and evaluations are dated
 * when they would have happened (10:00 Beijing time on the day).
 */
async function backdate(
  m: EntityManager,
  started: { p: DeliveryProject }[],
  day: (n: number) => string,
): Promise<void> {
  const at = (n: number) => new Date(`${day(n)}T10:00:00+08:00`);
  for (const { p } of started) {
    await m.update(DeliveryProject, p.id, { createdAt: at(-152) });
    await m.update(
      GrantAgreement,
      { projectId: p.id },
      { createdAt: at(-152), signedUploadedAt: at(-150), checkedAt: at(-149) },
    );
    for (const t of await m.findBy(Tranche, { projectId: p.id, status: 'paid' })) {
      const paid = shanghaiToday(t.paidAt!);
      const offset = daysBetween(day(0), paid);
      await m.update(Tranche, t.id, {
        requestedAt: at(offset - 3),
        approvedAt: at(offset - 1),
        paidAt: at(offset),
      });
    }
    for (const r of await m.findBy(ProgressReport, { projectId: p.id })) {
      const ms = r.milestoneId ? await m.findOneBy(DeliveryMilestone, { id: r.milestoneId }) : null;
      if (!ms) continue;
      const due = daysBetween(day(0), ms.dueOn);
      await m.update(ProgressReport, r.id, { createdAt: at(due + 2), decidedAt: at(due + 5) });
      await m.update(DeliveryMilestone, ms.id, { doneAt: at(due + 5) });
    }
    const evaluations = await m.find(DeliveryEvaluation, {
      where: { projectId: p.id },
      order: { id: 'ASC' },
    });
    for (const e of evaluations)
      await m.update(DeliveryEvaluation, e.id, { createdAt: at(e.kind === 'final' ? -35 : -85) });
    if ((await m.findOneBy(DeliveryProject, { id: p.id }))?.closedAt)
      await m.update(DeliveryProject, p.id, { closedAt: at(-28) });
  }
}
