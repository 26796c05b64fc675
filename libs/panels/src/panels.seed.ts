import { EntityManager } from 'typeorm';
import { User } from '@gv/accounts';
import { Call } from '@gv/calls';
import { Role } from '@gv/core';
import { Community } from '@gv/places';
import { Proposal } from '@gv/proposals';
import { PanelAffiliation } from './entities/panel-affiliation.entity';
import { PanelGroup, PanelMember } from './entities/panel-member.entity';

interface DemoSeat {
  email: string;
  name?: string;
  group: PanelGroup;
  isChair?: boolean;
  title: string;
  communities?: string[];
  /** Tied to the organisations behind these proposals (an adviser of a demo organisation). */
  organisationsOf?: string[];
}

/**
 * The first competition's review group (街道、社区代表、居民代表、专家): the demo accounts of the street
 * office and two communities sit on it besides their own role, plus an expert, two resident
 * representatives and a second street officer (7: 2 街道, 2 社区代表, 2 居民代表, 1 专家).
 */
const DEMO_PANEL: DemoSeat[] = [
  {
    email: 'admin@dongguan.example.cn',
    group: PanelGroup.Street,
    isChair: true,
    title: '东关街道办事处',
  },
  { email: 'judge@dongguan.example.cn', group: PanelGroup.Expert, title: '潍坊学院社会工作系' },
  {
    email: 'weiwan@dongguan.example.cn',
    group: PanelGroup.Community,
    title: '苇湾社区居委会',
    communities: ['weiwan'],
  },
  {
    email: 'gongfu@dongguan.example.cn',
    group: PanelGroup.Community,
    title: '工福街社区居委会',
    communities: ['gongfujie'],
  },
  {
    email: 'resident@dongguan.example.cn',
    name: '刘秀英（居民代表）',
    group: PanelGroup.Resident,
    title: '居民代表',
    communities: ['dongyuan'],
  },
  {
    email: 'resident2@dongguan.example.cn',
    name: '赵敏（居民代表）',
    group: PanelGroup.Resident,
    title: '居民代表，益民社会组织服务中心志愿顾问',
    organisationsOf: ['DG-2026-001'],
  },
  {
    email: 'street2@dongguan.example.cn',
    name: '李强（街道）',
    group: PanelGroup.Street,
    title: '东关街道社会事务办',
  },
];

export async function seedPanels(m: EntityManager, passwordHash: string): Promise<void> {
  const call = await m.findOneBy(Call, { code: 'DG', year: 2026 });
  if (!call) return;
  const communities = await m.find(Community);
  for (const seat of DEMO_PANEL) {
    let user = await m.findOneBy(User, { email: seat.email });
    if (!user && seat.name)
      user = await m.save(
        m.create(User, {
          email: seat.email,
          name: seat.name,
          role: Role.Judge,
          communityId: null,
          organisationId: null,
          passwordHash,
          locale: 'zh-CN',
          active: true,
          lastLoginAt: null,
        }),
      );
    if (!user) continue;
    const member = await m.save(
      m.create(PanelMember, {
        callId: call.id,
        userId: user.id,
        group: seat.group,
        isChair: seat.isChair ?? false,
        title: seat.title,
      }),
    );
    for (const code of seat.communities ?? []) {
      const c = communities.find((x) => x.code === code);
      if (c)
        await m.insert(PanelAffiliation, {
          memberId: member.id,
          communityId: c.id,
          organisationId: null,
        });
    }
    for (const number of seat.organisationsOf ?? []) {
      const organisationId = (await m.findOneBy(Proposal, { number }))?.organisationId;
      if (organisationId)
        await m.insert(PanelAffiliation, {
          memberId: member.id,
          organisationId,
          communityId: null,
        });
    }
  }
}
