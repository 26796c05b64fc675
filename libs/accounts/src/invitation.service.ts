import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@gv/config';
import { AppException, Page, pageParams, PageQuery, Role, SessionUser, toPage } from '@gv/core';
import { AuditService } from '@gv/audit';
import { I18n } from '@gv/i18n';
import { MailDriver, MailTemplates } from '@gv/mail';
import { Community } from '@gv/places';
import { JobHandler, JobName, JobProducer } from '@gv/queue';
import { InviteUserDto } from './dto/accounts.dto';
import { Invitation } from './entities/invitation.entity';
import { User } from './entities/user.entity';
import { hashPassword, hashToken, newToken } from './credentials.util';

const INVITATION_DAYS = 7;

@Injectable()
export class InvitationService {
  private readonly logger = new Logger('Invitations');

  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly jobs: JobProducer,
    private readonly mail: MailDriver,
    private readonly templates: MailTemplates,
    private readonly i18n: I18n,
  ) {}

  async invite(actor: SessionUser, dto: InviteUserDto): Promise<Invitation> {
    const email = dto.email.toLowerCase();
    if (dto.role === Role.CommunityStaff && !dto.communityId)
      throw AppException.validation([{ field: 'communityId', code: 'community_required' }]);
    if (dto.role === Role.OrgMember && !dto.organisationId)
      throw AppException.validation([{ field: 'organisationId', code: 'organisation_required' }]);
    const invitation = await this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email } }))
        throw AppException.conflict('email_taken');
      if (
        dto.communityId &&
        !(await m.getRepository(Community).exists({ where: { id: dto.communityId } }))
      ) {
        throw AppException.validation([{ field: 'communityId', code: 'unknown_community' }]);
      }
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
    await this.jobs.enqueue(
      JobName.SendInvitation,
      { invitationId: invitation.id },
      { jobId: `invitation-${invitation.id}` },
    );
    return invitation;
  }

  /** Idempotent: re-reads the row; an invitation already sent is not sent again. */
  @JobHandler(JobName.SendInvitation)
  async sendInvitation({ invitationId }: { invitationId: number }): Promise<void> {
    const inv = await this.ds
      .getRepository(Invitation)
      .findOne({ where: { id: invitationId }, relations: { invitedBy: true } });
    if (!inv || inv.sentAt || !inv.pendingToken) return;
    const link = `${this.config.PUBLIC_URL.replace(/\/$/, '')}/invitations/${inv.pendingToken}`;
    const rendered = this.templates.render('accounts.invitation', inv.locale, {
      name: inv.name,
      inviter: inv.invitedBy?.name ?? '',
      role: this.i18n.t(inv.locale, `roles.${inv.role}`),
      link,
      expiresAt: inv.expiresAt,
    });
    await this.mail.send({
      to: inv.email,
      ...rendered,
      messageId: `<invitation-${inv.id}@gongyi-venture>`,
    });
    await this.ds
      .getRepository(Invitation)
      .update(inv.id, { sentAt: new Date(), pendingToken: null });
    this.logger.log({ invitationId }, 'invitation sent');
  }

  async findOpen(token: string): Promise<Invitation> {
    const inv = await this.ds
      .getRepository(Invitation)
      .findOne({ where: { tokenHash: hashToken(token) } });
    if (!inv || inv.acceptedAt || inv.expiresAt.getTime() < Date.now())
      throw AppException.notFound('invitation_invalid');
    return inv;
  }

  async accept(token: string, password: string): Promise<User> {
    const inv = await this.findOpen(token);
    const passwordHash = await hashPassword(password);
    return this.ds.transaction(async (m) => {
      if (await m.getRepository(User).exists({ where: { email: inv.email } }))
        throw AppException.conflict('email_taken');
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
