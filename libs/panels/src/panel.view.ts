import { MemberWithTies } from './panels.service';

export const panelMemberView = (x: MemberWithTies) => ({
  id: x.id,
  callId: x.callId,
  userId: x.userId,
  name: x.user?.name,
  email: x.user?.email,
  group: x.group,
  isChair: x.isChair,
  title: x.title,
  organisations: x.affiliations
    .filter((a) => a.organisationId)
    .map((a) => ({ id: a.organisationId, name: a.organisation?.name })),
  communities: x.affiliations
    .filter((a) => a.communityId)
    .map((a) => ({ id: a.communityId, name: a.community?.name, nameEn: a.community?.nameEn })),
});
