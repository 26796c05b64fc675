/** Account roles. Persisted identifiers: do not rename without a data migration. */
export enum Role {
  StreetAdmin = 'street_admin',
  CommunityStaff = 'community_staff',
  Judge = 'judge',
  OrgMember = 'org_member',
}
export const ALL_ROLES: readonly Role[] = [
  Role.StreetAdmin,
  Role.CommunityStaff,
  Role.Judge,
  Role.OrgMember,
];
