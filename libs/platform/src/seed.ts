import { DataSource } from 'typeorm';
import { AppConfig } from '@gv/config';
import { Role } from '@gv/core';
import { hashPassword, User } from '@gv/accounts';
import { District, seedPlaces } from '@gv/places';
import { seedOrganisations } from '@gv/organisations';
import { seedNeeds } from '@gv/needs';
import { seedCompetition } from '@gv/proposals';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  community?: string;
  /** Name of the seeded organisation an org_member belongs to. */
  organisation?: string;
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { email: 'admin@dongguan.example.cn', name: '王建国（街道）', role: Role.StreetAdmin },
  {
    email: 'weiwan@dongguan.example.cn',
    name: '李秀兰（苇湾社区）',
    role: Role.CommunityStaff,
    community: 'weiwan',
  },
  {
    email: 'gongfu@dongguan.example.cn',
    name: '赵敏（工福街社区）',
    role: Role.CommunityStaff,
    community: 'gongfujie',
  },
  { email: 'judge@dongguan.example.cn', name: '陈立（评审专家）', role: Role.Judge },
  {
    email: 'org@dongguan.example.cn',
    name: '刘芳（社会组织）',
    role: Role.OrgMember,
    organisation: '苇湾社区日间照料服务队',
  },
];

/** Seeds the demo street on an empty database (first start only); one transaction, so never half-seeded. */
export async function seedDemoIfEmpty(ds: DataSource, config: AppConfig): Promise<boolean> {
  if ((await ds.getRepository(District).count()) > 0) return false;
  const passwordHash = await hashPassword(config.DEMO_PASSWORD);
  await ds.transaction(async (m) => {
    const { communities } = await seedPlaces(m);
    const organisations = await seedOrganisations(m, communities);
    for (const a of DEMO_ACCOUNTS) {
      const community = a.community ? communities.find((c) => c.code === a.community) : undefined;
      const organisation = a.organisation
        ? organisations.find((o) => o.name === a.organisation)
        : undefined;
      await m.save(
        m.create(User, {
          email: a.email,
          name: a.name,
          role: a.role,
          communityId: community?.id ?? null,
          organisationId: organisation?.id ?? null,
          passwordHash,
          locale: 'zh-CN',
          active: true,
          lastLoginAt: null,
        }),
      );
    }
    await seedNeeds(m, communities);
    // After organisations and needs: the first competition with proposals in every state.
    await seedCompetition(m);
  });
  return true;
}
