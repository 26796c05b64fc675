import { EntityManager } from 'typeorm';
import { Community } from '@gv/places';
import { BeneficiaryGroup as G, Need } from './entities/need.entity';

/** Needs the report describes (以需定供), posted by the communities concerned. */
export const DEMO_NEEDS: Array<{
  community: string;
  title: string;
  description: string;
  groups: G[];
  count: number;
  status?: 'open' | 'closed';
}> = [
  {
    community: 'weiwan',
    title: '高龄独居老人日间照料与助餐',
    description:
      '苇湾社区老年人比例较高，养老服务需求突出。依托 3054 平方米的街道日间照料中心，需要社会组织提供日间照料、助餐送餐、健康监测和精神慰藉服务。',
    groups: [G.Elderly],
    count: 320,
  },
  {
    community: 'weiwan',
    title: '居民网上议事厅线下议题落实',
    description:
      '“苇湾社区居民网上议事厅”收集到的楼道照明、适老化改造等议题，需要居民自治项目推动落实并向居民反馈办理情况。',
    groups: [G.Elderly, G.Others],
    count: 600,
  },
  {
    community: 'yuanxiaojie',
    title: '年轻白领参与社区志愿服务',
    description:
      '院校街社区办公楼密集，年轻人比重大、参与公益意愿强。需要项目把白领志愿者组织起来（如“锋领壹+”白领服务联盟），对接社区为老、助学等志愿服务岗位。',
    groups: [G.Youth],
    count: 150,
  },
  {
    community: 'lijiajie',
    title: '微论坛居民议事与协商',
    description:
      '通过“李家街社区微论坛”广泛收集民情民意，需要居民议事协商项目组织议题讨论、形成公约，并将办理情况反馈居民。',
    groups: [G.Others],
    count: 400,
  },
  {
    community: 'gongfujie',
    title: '困难家庭儿童课后托管',
    description:
      '工福街社区双职工和困难家庭儿童放学后无人照看，需要“四点半课堂”式的课后托管与作业辅导。',
    groups: [G.Children, G.FamiliesInDifficulty],
    count: 60,
  },
  {
    community: 'kuiwenmen',
    title: '残疾人康复与就业帮扶',
    description: '奎文门社区有持证残疾人 80 余人，需要上门康复指导、辅具适配和就业技能培训。',
    groups: [G.Disabled],
    count: 85,
  },
  {
    community: 'zhongheyuan',
    title: '妇女手工技能与创业培训',
    description: '中和园社区全职妈妈和下岗女工希望学习手工、电商技能，需要系统的培训和互助小组。',
    groups: [G.Women],
    count: 120,
  },
  {
    community: 'gongfujie',
    title: '老旧小区邻里互助',
    description: '单位自管老旧小区缺少物业服务，需要楼道互助小组承担邻里守望、便民维修等服务。',
    groups: [G.Elderly, G.FamiliesInDifficulty],
    count: 200,
    status: 'closed',
  },
];

export async function seedNeeds(m: EntityManager, communities: Community[]): Promise<Need[]> {
  const byCode = new Map(communities.map((c) => [c.code, c.id]));
  const rows = DEMO_NEEDS.filter((n) => byCode.has(n.community)).map((n) =>
    m.create(Need, {
      communityId: byCode.get(n.community)!,
      title: n.title,
      description: n.description,
      beneficiaryGroups: n.groups,
      beneficiaryCount: n.count,
      status: n.status ?? 'open',
      createdById: null,
    }),
  );
  await m.insert(Need, rows);
  return m.find(Need, { order: { id: 'ASC' } });
}
