import { EntityManager } from 'typeorm';
import { Role } from '@gv/core';
import { User } from './entities/user.entity';
import { NotificationRecipient } from '@gv/notifications';

/** Active members of the given organisations, as notification recipients. */
export async function orgMembers(
  m: EntityManager,
  organisationIds: number[],
): Promise<NotificationRecipient[]> {
  if (!organisationIds.length) return [];
  const users = await m
    .getRepository(User)
    .createQueryBuilder('u')
    .where('u.organisationId IN (:...ids)', { ids: [...new Set(organisationIds)] })
    .andWhere('u.role = :role', { role: Role.OrgMember })
    .andWhere('u.active = :a', { a: true })
    .orderBy('u.id')
    .getMany();
  return users.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
}

/** Active street-office admins (the staff who run the competition). */
export async function streetStaff(m: EntityManager): Promise<NotificationRecipient[]> {
  const users = await m
    .getRepository(User)
    .find({ where: { role: Role.StreetAdmin, active: true }, order: { id: 'ASC' } });
  return users.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
}
