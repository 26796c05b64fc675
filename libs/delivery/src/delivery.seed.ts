import { EntityManager } from 'typeorm';
import { User } from '@gv/accounts';
import { AuditService } from '@gv/audit';
import { Role } from '@gv/core';
import { managerAsDataSource } from '@gv/database';
import { FundingAward } from '@gv/funding';
import { ProjectsService } from './projects.service';

/**
 * The demo's delivery: every award of the seeded decision gets its project (实施), with the milestones
 * the organisation promised, by the real service (the funding seed runs without domain-event handlers).
 */
export async function seedDelivery(m: EntityManager): Promise<void> {
  const admin = await m.findOne(User, {
    where: { role: Role.StreetAdmin, active: true },
    order: { id: 'ASC' },
  });
  if (!admin) return;
  const ds = managerAsDataSource(m);
  const projects = new ProjectsService(ds, new AuditService(ds));
  const awards = await m.find(FundingAward, { where: { status: 'awarded' }, order: { id: 'ASC' } });
  for (const a of awards)
    await projects.start(
      { userId: admin.id, roles: [admin.role], communityId: null, organisationId: null },
      a.id,
    );
}
