import { Need } from './entities/need.entity';

export const needView = (n: Need) => ({
  id: n.id,
  communityId: n.communityId,
  community: n.community
    ? { id: n.community.id, name: n.community.name, nameEn: n.community.nameEn }
    : undefined,
  title: n.title,
  description: n.description,
  beneficiaryGroups: n.beneficiaryGroups,
  beneficiaryCount: n.beneficiaryCount,
  status: n.status,
  createdAt: n.createdAt,
  updatedAt: n.updatedAt,
});

export function parseNeedId(v: string): number {
  return /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : -1;
}
