import { EntityManager } from 'typeorm';
import { Role } from '@gv/core';
import { Community } from '@gv/places';
import { SeedEnv } from '@gv/web';
import { User } from './entities/user.entity';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  community?: string;
  /** Name of the seeded organisation an org_member belongs to (the organisations seed links it). */
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

/** The demo accounts (one per role), all with the demo password; runs after the places seed. */
export async function seedAccounts(m: EntityManager, env: SeedEnv): Promise<void> {
  const communities = await m.find(Community);
  for (const a of DEMO_ACCOUNTS) {
    const community = a.community ? communities.find((c) => c.code === a.community) : undefined;
    await m.save(
      m.create(User, {
        email: a.email,
        name: a.name,
        role: a.role,
        communityId: community?.id ?? null,
        organisationId: null,
        passwordHash: env.passwordHash,
        locale: 'zh-CN',
        active: true,
        lastLoginAt: null,
      }),
    );
  }
}

/** Makes an account a member of an organisation (the organisations context links its demo member this way). */
export async function linkMember(
  m: EntityManager,
  email: string,
  organisationId: number,
): Promise<void> {
  await m.update(User, { email: email.toLowerCase() }, { organisationId });
}
