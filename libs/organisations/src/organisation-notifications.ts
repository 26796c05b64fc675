import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { User } from '@gv/accounts';
import { Locale, Role } from '@gv/core';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  NotificationRecipient,
} from '@gv/notifications';
import { Organisation } from './entities/organisation.entity';

/** Where members read the review (status and the rejection reason). */
export const MY_ORGANISATION_PATH = '/my/organisation';

/** Where the street office reviews an organisation. */
export const organisationPath = (id: number) => `/organisations/${id}`;

/**
 * Who hears about the street's review of an organisation (街道审核): its active member accounts; an
 * organisation without any falls back to its contact email (in the platform's default language).
 */
export async function organisationRecipients(
  m: EntityManager,
  o: Pick<Organisation, 'id' | 'contactEmail'>,
  fallbackLocale: Locale,
): Promise<NotificationRecipient[]> {
  const users = await m.getRepository(User).find({
    where: { organisationId: o.id, role: Role.OrgMember, active: true },
    order: { id: 'ASC' },
  });
  if (users.length) return users.map((u) => ({ userId: u.id, email: u.email, locale: u.locale }));
  return o.contactEmail ? [{ userId: null, email: o.contactEmail, locale: fallbackLocale }] : [];
}

/** Template data of the review events (mail templates under libs/organisations/mail). */
@Injectable()
export class OrganisationNotificationContent {
  @NotificationContentFor(
    [NotificationEvent.OrganisationVerified, NotificationEvent.OrganisationRejected],
    { sameForAllRecipients: true },
  )
  async data({ ids, manager }: NotificationContentInput) {
    const id = Number(ids['organisationId']);
    const o = Number.isInteger(id)
      ? await manager.getRepository(Organisation).findOneBy({ id })
      : null;
    return {
      organisationName: o?.name ?? '',
      // Re-read at send time: a rejection reversed (verified) before the mail went out has no reason left.
      reason: o?.status === 'rejected' ? (o.reviewNote ?? '') : '',
      link: MY_ORGANISATION_PATH,
    };
  }

  /** Template data of the sign-up notice to the street admins: who signed up, and the page to review it. */
  @NotificationContentFor(NotificationEvent.OrganisationSignedUp, { sameForAllRecipients: true })
  async signedUp({ ids, locale, manager }: NotificationContentInput) {
    const id = Number(ids['organisationId']);
    const o = Number.isSafeInteger(id)
      ? await manager
          .getRepository(Organisation)
          .findOne({ where: { id }, relations: { community: true } })
      : null;
    return {
      organisationName: o?.name ?? '',
      communityName: (locale === 'en' ? o?.community?.nameEn : o?.community?.name) ?? '',
      contactName: o?.contactName ?? '',
      link: o ? organisationPath(o.id) : '/organisations',
    };
  }
}
