import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull, Not } from 'typeorm';
import { AppException, Page, pageParams, PageQuery, Role, SessionUser, toPage } from '@gv/core';
import { AuditService } from '@gv/audit';
import { I18n } from '@gv/i18n';
import {
  NotificationContentFor,
  NotificationSent,
  NotificationContentInput,
  NotificationEvent,
  notify,
} from '@gv/notifications';
import { Community } from '@gv/places';
import { JobHandler, JobName } from '@gv/queue';
import { InviteUserDto } from './dto/accounts.dto';
import { Invitation } from './entities/invitation.entity';
import { User } from './entities/user.entity';
import { hashPassword, hashToken, newToken } from './credentials.util';
import { AccountsError } from './accounts.errors';
import { OrganisationDirectory } from './organisation-directory';

const INVITATION_DAYS = 7;

/**
 * Invitations. The email goes through the notification outbox (event `accounts.invitation`, written in the
 * invite transaction). The raw token must be in the email link, but only its hash is kept for good: the clear
 * token waits in `pendingToken` while the outbox row may still be (re-)rendered — a retry renders again — and is
 * erased once the row is sent (after-sent hook) or the invitation is accepted.
 */
@Injectable()
export class InvitationService {
  private readonly logger = new Logger('Invitations');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly i18n: I18n,
    private readonly organisations: OrganisationDirectory,
  ) {}

  async invite(actor: SessionUser, dto: InviteUserDto): Promise<Invitation> {
    const email = dto.email.toLowerCase();
    if (dto.role === Role.CommunityStaff && !dto.communityId)
      throw AppException.validation([{ field: 'communityId', code: 'community_required' }]);
    if (dto.role === Role.OrgMember && !dto.organisationId)
      throw AppException.validation([{ field: 'organisationId', code: 'organisation_required' }]);
    const invitation = await this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email } }))
        throw AccountsError.error('email_taken');
      if (
        dto.communityId &&
        !(await m.getRepository(Community).exists({ where: { id: dto.communityId } }))
      ) {
        throw AppException.validation([{ field: 'communityId', code: 'unknown_community' }]);
      }
      if (
        dto.role === Role.OrgMember &&
        !(await this.organisations.exists(m, dto.organisationId as number))
      )
        throw AppException.validation([{ field: 'organisationId', code: 'unknown_organisation' }]);
      const { token, hash } = newToken();
      const inv = m.getRepository(Invitation).create({
        email,
        name: dto.name,
        role: dto.role,
        communityId: dto.role === Role.CommunityStaff ? (dto.communityId ?? null) : null,
        organisationId: dto.role === Role.OrgMember ? (dto.organisationId ?? null) : null,
        locale: dto.locale ?? 'zh-CN',
        tokenHash: hash,
        pendingToken: token,
        invitedById: actor.userId,
        expiresAt: new Date(Date.now() + INVITATION_DAYS * 86400_000),
        sentAt: null,
        acceptedAt: null,
      });
      await m.save(inv);
      await notify(m, NotificationEvent.AccountInvitation, [{ email, locale: inv.locale }], {
        invitationId: inv.id,
      });
      await this.audit.record(m, {
        action: 'user.invited',
        entity: 'invitation',
        entityId: inv.id,
        after: {
          email,
          role: dto.role,
          communityId: inv.communityId,
          organisationId: inv.organisationId,
        },
      });
      return inv;
    });
    return invitation;
  }

  /** Template data of the invitation email; the link carries the clear token, so it exists only while the token does. */
  @NotificationContentFor(NotificationEvent.AccountInvitation, { inboxLink: false })
  async mailData({ ids, locale, manager }: NotificationContentInput) {
    const inv = await manager
      .getRepository(Invitation)
      .findOne({ where: { id: Number(ids['invitationId']) }, relations: { invitedBy: true } });
    if (!inv?.pendingToken)
      throw new Error(
        `invitation ${ids['invitationId']} has no pending token (sent, accepted or unknown)`,
      );
    return {
      name: inv.name,
      inviter: inv.invitedBy?.name ?? '',
      role: this.i18n.t(locale, `roles.${inv.role}`),
      link: `/invitations/${inv.pendingToken}`,
      expiresAt: inv.expiresAt,
    };
  }

  /** After the email was accepted by the mail server: only the hash remains. Idempotent. */
  /** Once the invitation mail is accepted, its one-time token is no longer kept (idempotent). */
  @NotificationSent(NotificationEvent.AccountInvitation)
  async invitationSent(input: {
    ids: Record<string, number | string>;
    manager: EntityManager;
  }): Promise<void> {
    await this.forgetToken(input.manager, Number(input.ids['invitationId']));
  }

  private async forgetToken(manager: EntityManager, invitationId: number): Promise<void> {
    await manager
      .getRepository(Invitation)
      .update(
        { id: invitationId, pendingToken: Not(IsNull()) },
        { pendingToken: null, sentAt: new Date() },
      );
  }

  /**
   * Drain of the send jobs queued before invitations moved to the outbox: an invitation still unsent is
   * handed to the outbox (dedupe key: a repeat writes nothing). Remove once no such job can be left in Redis.
   */
  @JobHandler(JobName.SendInvitation)
  async sendInvitation({ invitationId }: { invitationId: number }): Promise<void> {
    await this.ds.transaction(async (m) => {
      const inv = await m.getRepository(Invitation).findOneBy({ id: invitationId });
      if (!inv || inv.sentAt || !inv.pendingToken || inv.acceptedAt) return;
      await notify(
        m,
        NotificationEvent.AccountInvitation,
        [{ email: inv.email, locale: inv.locale }],
        { invitationId: inv.id },
      );
    });
    this.logger.log({ invitationId }, 'legacy invitation job moved to the outbox');
  }

  async findOpen(token: string): Promise<Invitation> {
    const inv = await this.ds
      .getRepository(Invitation)
      .findOne({ where: { tokenHash: hashToken(token) } });
    if (!inv || inv.acceptedAt || inv.expiresAt.getTime() < Date.now())
      throw AccountsError.error('invitation_invalid');
    return inv;
  }

  async accept(token: string, password: string): Promise<User> {
    const inv = await this.findOpen(token);
    const passwordHash = await hashPassword(password);
    return this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email: inv.email } }))
        throw AccountsError.error('email_taken');
      const user = m.getRepository(User).create({
        email: inv.email,
        name: inv.name,
        role: inv.role,
        communityId: inv.communityId,
        organisationId: inv.organisationId,
        locale: inv.locale,
        passwordHash,
        active: true,
        lastLoginAt: null,
      });
      await m.save(user);
      await m.update(Invitation, inv.id, { acceptedAt: new Date(), pendingToken: null });
      await this.audit.record(m, {
        action: 'user.invitation_accepted',
        entity: 'user',
        entityId: user.id,
        actorId: user.id,
        actorLabel: user.email,
        after: { role: user.role },
      });
      return user;
    });
  }

  async list(q: PageQuery): Promise<Page<Invitation>> {
    const { page, pageSize, skip, take } = pageParams(q);
    const [items, total] = await this.ds
      .getRepository(Invitation)
      .findAndCount({ order: { id: 'DESC' }, skip, take });
    return toPage(items, total, page, pageSize);
  }
}
