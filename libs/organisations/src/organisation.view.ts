import { Organisation } from './entities/organisation.entity';

/** The API's shape of an organisation (no internal scope fields). */
export const organisationView = (o: Organisation) => ({
  id: o.id,
  name: o.name,
  type: o.type,
  communityId: o.communityId,
  community: o.community
    ? { id: o.community.id, name: o.community.name, nameEn: o.community.nameEn }
    : undefined,
  registrationLevel: o.registrationLevel,
  creditCode: o.creditCode,
  foundedOn: o.foundedOn,
  incubatedBy: o.incubatedBy,
  membersCount: o.membersCount,
  contactName: o.contactName,
  contactPhone: o.contactPhone,
  contactEmail: o.contactEmail,
  status: o.status,
  reviewedAt: o.reviewedAt,
  reviewNote: o.reviewNote,
  createdAt: o.createdAt,
  updatedAt: o.updatedAt,
});
