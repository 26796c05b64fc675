import { EntityManager } from 'typeorm';
import { Call, DEMO_CALL, Track } from '@gv/calls';
import { BeneficiaryGroup, Need } from '@gv/needs';
import { Organisation } from '@gv/organisations';
import { Community } from '@gv/places';
import { BudgetCategory, ProposalBudgetLine } from './entities/proposal-budget-line.entity';
import { ProposalCommunity } from './entities/proposal-community.entity';
import { ProposalMilestone } from './entities/proposal-milestone.entity';
import { ProposalVersion } from './entities/proposal-version.entity';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { versionSnapshot } from './proposal-snapshot';
import { computeBudget, proposalNumber } from './budget.util';

type S = ProposalStatus;
const DAY = 86400_000;

/** A dozen demo proposals in every state; titles answer the seeded needs (苇湾 elderly care, 院校街 young volunteers, …). */
export const DEMO_PROPOSALS: ReadonlyArray<{
  title: string;
  community: string;
  need?: string;
  status: S;
  groups: BeneficiaryGroup[];
  count: number;
  track?: Track;
  lines: Array<[`${BudgetCategory}`, string, number, number]>;
  reason?: string;
}> = [
  {
    title: '苇湾银龄日间照料与助餐',
    community: 'weiwan',
    need: '高龄独居老人日间照料与助餐',
    status: ProposalStatus.Eligible,
    groups: [BeneficiaryGroup.Elderly],
    count: 150,
    lines: [
      ['materials', '助餐食材补贴', 1_200, 1_000],
      ['personnel', '护理员劳务', 80_000, 6],
    ],
  },
  {
    title: '院校街白领志愿者联盟“周末一小时”',
    community: 'yuanxiaojie',
    need: '年轻白领参与社区志愿服务',
    status: ProposalStatus.Eligible,
    groups: [BeneficiaryGroup.Youth],
    count: 300,
    lines: [
      ['training', '志愿者培训', 30_000, 8],
      ['publicity', '招募宣传', 50_000, 2],
    ],
  },
  {
    title: '工福街困难家庭儿童“四点半课堂”',
    community: 'gongfujie',
    need: '困难家庭儿童课后托管',
    status: ProposalStatus.Eligible,
    groups: [BeneficiaryGroup.Children, BeneficiaryGroup.FamiliesInDifficulty],
    count: 60,
    lines: [
      ['personnel', '辅导老师补贴', 60_000, 10],
      ['materials', '学习用品', 5_000, 60],
    ],
  },
  {
    title: '李家街微论坛议事员培育',
    community: 'lijiajie',
    need: '微论坛居民议事与协商',
    status: ProposalStatus.Eligible,
    track: Track.SelfGovernance,
    groups: [BeneficiaryGroup.Others],
    count: 200,
    lines: [
      ['training', '议事规则培训', 40_000, 5],
      ['venue', '议事场地', 20_000, 10],
    ],
  },
  {
    title: '奎文门残疾人康复互助小组',
    community: 'kuiwenmen',
    need: '残疾人康复与就业帮扶',
    status: ProposalStatus.Returned,
    groups: [BeneficiaryGroup.Disabled],
    count: 40,
    lines: [
      ['materials', '康复器材', 150_000, 4],
      ['personnel', '康复师', 100_000, 6],
    ],
    reason: '预算中康复器材单价缺少询价依据，请补充。',
  },
  {
    title: '中和园巧娘手工坊',
    community: 'zhongheyuan',
    need: '妇女手工技能与创业培训',
    status: ProposalStatus.Returned,
    groups: [BeneficiaryGroup.Women],
    count: 80,
    lines: [
      ['training', '手工技能课', 25_000, 16],
      ['materials', '手工材料', 3_000, 200],
    ],
    reason: '项目目标缺少可量化指标。',
  },
  {
    title: '广场舞队服装购置',
    community: 'gongfujie',
    status: ProposalStatus.Rejected,
    groups: [BeneficiaryGroup.Others],
    count: 30,
    lines: [['materials', '演出服装', 20_000, 30]],
    reason: '以购置物资为主，不符合公益创投项目要求。',
  },
  {
    title: '苇湾网上议事厅议题落地行动',
    community: 'weiwan',
    need: '居民网上议事厅线下议题落实',
    status: ProposalStatus.Submitted,
    track: Track.SelfGovernance,
    groups: [BeneficiaryGroup.Others],
    count: 500,
    lines: [
      ['activities', '议题落地活动', 30_000, 12],
      ['publicity', '成果公示', 10_000, 4],
    ],
  },
  {
    title: '工福街老旧小区邻里守望',
    community: 'gongfujie',
    need: '老旧小区邻里互助',
    status: ProposalStatus.Submitted,
    groups: [BeneficiaryGroup.Elderly, BeneficiaryGroup.FamiliesInDifficulty],
    count: 260,
    lines: [
      ['activities', '邻里互助活动', 15_000, 20],
      ['training', '楼栋长培训', 20_000, 6],
    ],
  },
  {
    title: '院校街青年夜校',
    community: 'yuanxiaojie',
    status: ProposalStatus.Submitted,
    groups: [BeneficiaryGroup.Youth],
    count: 120,
    lines: [['training', '夜校课程', 35_000, 12]],
  },
  {
    title: '苇湾老年人智能手机课堂（草稿）',
    community: 'weiwan',
    need: '高龄独居老人日间照料与助餐',
    status: ProposalStatus.Draft,
    groups: [BeneficiaryGroup.Elderly],
    count: 90,
    lines: [['training', '授课补贴', 20_000, 10]],
  },
  {
    title: '东园社区亲子阅读角（草稿）',
    community: 'dongyuan',
    status: ProposalStatus.Draft,
    groups: [BeneficiaryGroup.Children],
    count: 70,
    lines: [['materials', '图书', 4_000, 100]],
  },
];

/**
 * A dozen proposals in every state for the first competition, from the seeded organisations.
 * Runs after the calls seed; screening then records the decisions of the screened ones.
 */
export async function seedProposals(m: EntityManager, now: Date): Promise<void> {
  const call = await m.findOneBy(Call, { code: DEMO_CALL.code, year: DEMO_CALL.year });
  const organisations = await m.find(Organisation, { order: { id: 'ASC' } });
  const communities = await m.find(Community);
  if (!call || !organisations.length || !communities.length) return;
  const needs = await m.find(Need);
  const at = (d: number) => new Date(now.getTime() + d * DAY);
  const perOrg = new Map<number, number>();
  for (const [i, d] of DEMO_PROPOSALS.entries()) {
    const community = communities.find((c) => c.code === d.community) ?? communities[0];
    // Prefer organisations of the host community, at most 2 per organisation (the call's limit).
    const candidates = [
      ...organisations.filter((o) => o.communityId === community.id),
      ...organisations,
    ];
    const org = candidates.find((o) => (perOrg.get(o.id) ?? 0) < 2)!;
    perOrg.set(org.id, (perOrg.get(org.id) ?? 0) + 1);
    const budget = computeBudget(
      d.lines.map(([category, item, unitPriceFen, quantity]) => ({
        category,
        item,
        unitPriceFen,
        quantity,
      })),
    );
    const need = d.need ? needs.find((n) => n.title === d.need) : undefined;
    const submitted = d.status !== ProposalStatus.Draft;
    const number = submitted ? proposalNumber(call.code, call.year, ++call.lastNumber) : null;
    const p = await m.save(
      m.create(Proposal, {
        callId: call.id,
        organisationId: org.id,
        needId: need?.id ?? null,
        number,
        status: d.status,
        title: d.title,
        track: d.track ?? Track.Venture,
        firstCommunityId: community.id,
        beneficiaryGroups: d.groups,
        beneficiaryCount: d.count,
        summary: `${d.title}：面向${community.name}居民的公益项目。`,
        objectives: '按季度完成服务目标并接受督导评估。',
        activities: '需求调研、常态化服务、成果展示。',
        team: `${org.name}骨干成员与社区志愿者`,
        totalFen: budget.totalFen,
        coFundingFen: 50_000 * (i % 3),
        currentVersion: submitted ? 1 : 0,
        submittedAt: submitted ? at(-10 + (i % 5)) : null,
        withdrawnAt: null,
        correctionDeadline: d.status === ProposalStatus.Returned ? at(7) : null,
        hasUnsubmittedChanges: false,
        createdById: null,
      }),
    );
    const versions = submitted ? [0, 1] : [0];
    for (const version of versions) {
      await m.insert(ProposalCommunity, {
        proposalId: p.id,
        version,
        preference: 1,
        communityId: community.id,
      });
      await m.insert(
        ProposalBudgetLine,
        budget.lines.map((l, pos) => ({
          ...l,
          category: l.category as BudgetCategory,
          proposalId: p.id,
          version,
          position: pos + 1,
        })),
      );
      await m.insert(ProposalMilestone, [
        {
          proposalId: p.id,
          version,
          position: 1,
          title: '项目启动',
          dueOn: '2026-07-01',
          deliverable: '实施方案与服务对象名册',
        },
        {
          proposalId: p.id,
          version,
          position: 2,
          title: '中期评估',
          dueOn: '2026-10-15',
          deliverable: '中期报告',
        },
      ]);
    }
    if (submitted) {
      await m.insert(ProposalVersion, versionSnapshot(p, 1, null));
    }
  }
  await m.update(Call, call.id, { lastNumber: call.lastNumber });
}
