import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { AppConfig } from '@gv/config';
import { Actor, AppException } from '@gv/core';
import { rowLock, transactionWithRetry } from '@gv/database';
import { FileStorage, Proposal, UploadedFileData, utf8FileName } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import { AgreementDto, BankAccountDto } from './dto/delivery-money.dto';
import { DeliveryProject, GrantAgreement, Tranche } from './entities/delivery.entity';
import { assertRunning, lockProjectMoney } from './project-money';
import { isStreetAdmin, ProjectsService } from './projects.service';
import {
  ScheduleItem,
  scheduleProblem,
  TRANCHE_TEMPLATES,
  trancheAmounts,
} from './tranche-schedule';

/** The signed and stamped copy: a PDF or a photo/scan (checked against the file's leading bytes). */
const SIGNED_TYPES: Record<string, { ext: string[]; magic: number[] }> = {
  'application/pdf': { ext: ['.pdf'], magic: [0x25, 0x50, 0x44, 0x46] },
  'image/png': { ext: ['.png'], magic: [0x89, 0x50, 0x4e, 0x47] },
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: [0xff, 0xd8, 0xff] },
};

/**
 * 资助协议: the street office drafts the agreement of a project (amount = the award, period, tranche
 * schedule from a template or custom); the organisation enters its bank account and uploads the signed
 * and stamped copy; the street office checks it (the first tranche waits for that) or returns it.
 */
@Injectable()
export class AgreementsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
    private readonly projects: ProjectsService,
    private readonly storage: FileStorage,
    private readonly config: AppConfig,
  ) {}

  /** Issues the agreement, or changes its schedule while nothing is signed or requested. */
  async issue(actor: Actor, projectId: number, dto: AgreementDto): Promise<GrantAgreement> {
    const items: readonly ScheduleItem[] =
      dto.template === 'custom'
        ? (dto.tranches ?? []).map((t, i) => ({
            label: t.label?.trim() || String(i + 1),
            percent: t.percent,
            gate: t.gate,
          }))
        : TRANCHE_TEMPLATES[dto.template];
    const problem = dto.template === 'custom' ? scheduleProblem(items) : null;
    if (problem)
      throw DeliveryError.error('agreement_schedule_invalid', {}, [
        { field: 'tranches', code: `agreement_schedule_${problem}` },
      ]);
    return transactionWithRetry(this.ds, async (m) => {
      await this.projects.load(m, actor, projectId);
      const x = await lockProjectMoney(m, projectId);
      assertRunning(x.project);
      if (x.award.status !== 'awarded') throw DeliveryError.error('award_not_active');
      const ag = x.agreement;
      if (
        (ag && !['draft', 'issued'].includes(ag.status)) ||
        x.tranches.some((t) => t.status !== 'scheduled')
      )
        throw DeliveryError.error('agreement_state');
      const amounts = trancheAmounts(
        x.award.amountFen,
        items.map((i) => i.percent),
      );
      const values = {
        amountFen: x.award.amountFen,
        template: dto.template,
        status: 'issued' as const,
      };
      let agreementId: number;
      if (ag) {
        agreementId = ag.id;
        await m.update(GrantAgreement, ag.id, values);
        await m.delete(Tranche, { agreementId: ag.id });
      } else {
        const r = await m.insert(GrantAgreement, { projectId, ...values });
        agreementId = r.identifiers[0]['id'] as number;
      }
      await m.insert(
        Tranche,
        items.map((it, i) => ({
          agreementId,
          projectId,
          seq: i + 1,
          label: it.label.slice(0, 64),
          amountFen: amounts[i],
          gate: it.gate,
          status: 'scheduled' as const,
        })),
      );
      // Placement usually happens after the award: the host community is taken again here.
      const proposal = await m.findOneByOrFail(Proposal, { id: x.project.proposalId });
      const communityId = await this.projects.hostCommunity(m, proposal);
      if (communityId !== x.project.communityId)
        await m.update(DeliveryProject, x.project.id, { communityId });
      await this.audit.record(m, {
        action: ag ? 'delivery.agreement_changed' : 'delivery.agreement_issued',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        before: ag ? { template: ag.template } : null,
        after: { template: dto.template, amountFen: x.award.amountFen, tranches: amounts },
      });
      return m.findOneOrFail(GrantAgreement, { where: { projectId }, lock: rowLock(m) });
    });
  }

  /** The organisation's bank account (收款账户), until the street office has checked the agreement. */
  async setBankAccount(actor: Actor, projectId: number, dto: BankAccountDto) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.projects.loadForOrg(m, actor, projectId);
      const ag = await this.lockAgreement(m, projectId);
      if (ag.status === 'checked') throw DeliveryError.error('agreement_state');
      const values = {
        bankAccountName: dto.bankAccountName,
        bankName: dto.bankName,
        bankAccountNo: dto.bankAccountNo,
      };
      await m.update(GrantAgreement, ag.id, values);
      await this.audit.record(m, {
        action: 'delivery.bank_account_set',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        // The account number is audited masked: the audit log is read more widely than the agreement.
        after: { ...values, bankAccountNo: `****${dto.bankAccountNo.slice(-4)}` },
      });
      return m.findOneOrFail(GrantAgreement, { where: { id: ag.id }, lock: rowLock(m) });
    });
  }

  /** The signed and stamped copy (PDF or image, size limit): uploaded by the organisation. */
  async uploadSigned(actor: Actor, projectId: number, file: UploadedFileData | undefined) {
    if (!file) throw AppException.validation([{ field: 'file', code: 'file_required' }]);
    const name = utf8FileName(file.originalname);
    const type = SIGNED_TYPES[file.mimetype];
    if (file.size > this.config.UPLOAD_MAX_BYTES)
      throw DeliveryError.error('signed_copy_too_large', {
        maxMb: Math.round(this.config.UPLOAD_MAX_BYTES / 1048576),
      });
    if (
      !type ||
      !type.ext.includes(extname(name).toLowerCase()) ||
      !type.magic.every((b, i) => file.buffer[i] === b)
    )
      throw DeliveryError.error('signed_copy_type');
    const key = `delivery/${projectId}/agreement-${randomUUID()}${extname(name).toLowerCase()}`;
    const previous = await transactionWithRetry(this.ds, async (m) => {
      await this.projects.loadForOrg(m, actor, projectId);
      const ag = await this.lockAgreement(m, projectId);
      if (!['issued', 'signed_uploaded'].includes(ag.status))
        throw DeliveryError.error('agreement_state');
      await m.update(GrantAgreement, ag.id, {
        status: 'signed_uploaded',
        signedStorageKey: key,
        signedFileName: name.slice(0, 255),
        signedUploadedAt: new Date(),
      });
      await this.audit.record(m, {
        action: 'delivery.agreement_signed_uploaded',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        after: { fileName: name.slice(0, 255), sizeBytes: file.size },
      });
      // Written inside the transaction: a failed write rolls the row back.
      await this.storage.put(key, file.buffer);
      return ag.signedStorageKey;
    });
    if (previous) await this.storage.delete(previous);
    return this.ds.getRepository(GrantAgreement).findOneByOrFail({ projectId });
  }

  async downloadSigned(actor: Actor, projectId: number) {
    const p = await this.projects.load(this.ds.manager, actor, projectId);
    const ag = await this.ds.getRepository(GrantAgreement).findOneBy({ projectId: p.id });
    if (!ag?.signedStorageKey) throw AppException.notFound();
    const name = ag.signedFileName ?? 'agreement';
    const mime =
      Object.entries(SIGNED_TYPES).find(([, t]) =>
        t.ext.includes(extname(name).toLowerCase()),
      )?.[0] ?? 'application/octet-stream';
    return { name, mime, data: await this.storage.get(ag.signedStorageKey) };
  }

  /** 审核: the street office checks the signed copy; the first tranche can then be paid. */
  async check(actor: Actor, projectId: number) {
    return transactionWithRetry(this.ds, async (m) => {
      await this.projects.load(m, actor, projectId);
      const ag = await this.lockAgreement(m, projectId);
      if (ag.status !== 'signed_uploaded') throw DeliveryError.error('agreement_state');
      if (!ag.bankAccountName || !ag.bankName || !ag.bankAccountNo)
        throw DeliveryError.error('agreement_bank_missing');
      await m.update(GrantAgreement, ag.id, {
        status: 'checked',
        checkedById: actor.userId,
        checkedAt: new Date(),
      });
      await this.audit.record(m, {
        action: 'delivery.agreement_checked',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
      });
      return m.findOneOrFail(GrantAgreement, { where: { id: ag.id }, lock: rowLock(m) });
    });
  }

  /** Returns the signed copy to the organisation (wrong stamp, missing page…) with a reason. */
  async returnSigned(actor: Actor, projectId: number, reason: string) {
    const key = await transactionWithRetry(this.ds, async (m) => {
      await this.projects.load(m, actor, projectId);
      const ag = await this.lockAgreement(m, projectId);
      if (ag.status !== 'signed_uploaded') throw DeliveryError.error('agreement_state');
      await m.update(GrantAgreement, ag.id, {
        status: 'issued',
        signedStorageKey: null,
        signedFileName: null,
        signedUploadedAt: null,
      });
      await this.audit.record(m, {
        action: 'delivery.agreement_returned',
        entity: 'delivery_project',
        entityId: projectId,
        actorId: actor.userId,
        before: { fileName: ag.signedFileName },
        after: { reason },
      });
      return ag.signedStorageKey;
    });
    if (key) await this.storage.delete(key);
  }

  private async lockAgreement(m: EntityManager, projectId: number) {
    const ag = await m.findOne(GrantAgreement, { where: { projectId }, lock: rowLock(m) });
    if (!ag) throw DeliveryError.error('agreement_state');
    return ag;
  }

  /** Whether the actor may act for the organisation on this project (pages show the forms by it). */
  isOrgOf(actor: Actor, organisationId: number): boolean {
    return !isStreetAdmin(actor) && actor.organisationId === organisationId;
  }
}
