import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '@gv/config';
import { Actor, AppException } from '@gv/core';
import { AuditService } from '@gv/audit';
import { ProposalAttachment } from './entities/proposal-attachment.entity';
import { ProposalQueryService } from './proposal-query.service';
import { ProposalsService } from './proposals.service';
import { FileStorage } from './storage/file-storage';
import { ProposalsError } from './proposals.errors';

/** The file as multer hands it over (memory storage). */
export interface UploadedFileData {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** Accepted types: PDF, images, Word, Excel — by MIME type and extension, checked against the leading bytes. */
export const ALLOWED_TYPES: Record<string, { ext: string[]; magic: number[][] }> = {
  'application/pdf': { ext: ['.pdf'], magic: [[0x25, 0x50, 0x44, 0x46]] },
  'image/png': { ext: ['.png'], magic: [[0x89, 0x50, 0x4e, 0x47]] },
  'image/jpeg': { ext: ['.jpg', '.jpeg'], magic: [[0xff, 0xd8, 0xff]] },
  'image/gif': { ext: ['.gif'], magic: [[0x47, 0x49, 0x46, 0x38]] },
  'image/webp': { ext: ['.webp'], magic: [[0x52, 0x49, 0x46, 0x46]] },
  'application/msword': { ext: ['.doc'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  'application/vnd.ms-excel': { ext: ['.xls'], magic: [[0xd0, 0xcf, 0x11, 0xe0]] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: ['.docx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
    ext: ['.xlsx'],
    magic: [[0x50, 0x4b, 0x03, 0x04]],
  },
};

export function isAllowedUpload(name: string, mime: string): boolean {
  const t = ALLOWED_TYPES[mime];
  return !!t && t.ext.includes(extname(name).toLowerCase());
}

/** busboy decodes multipart file names as latin1; browsers send UTF-8 (e.g. 预算说明.pdf). */
export function utf8FileName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name) || [...name].some((c) => c.charCodeAt(0) > 0xff)) return name;
  const decoded = Buffer.from(name, 'latin1').toString('utf8');
  return decoded.includes('\ufffd') ? name : decoded;
}

function magicMatches(mime: string, buf: Buffer): boolean {
  return ALLOWED_TYPES[mime]?.magic.some((sig) => sig.every((b, i) => buf[i] === b)) ?? false;
}

@Injectable()
export class AttachmentsService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly storage: FileStorage,
    private readonly proposals: ProposalsService,
    private readonly query: ProposalQueryService,
    private readonly audit: AuditService,
    private readonly config: AppConfig,
  ) {}

  async add(
    actor: Actor,
    proposalId: number,
    file: UploadedFileData | undefined,
  ): Promise<ProposalAttachment> {
    if (!file) throw AppException.validation([{ field: 'file', code: 'file_required' }]);
    file = { ...file, originalname: utf8FileName(file.originalname) };
    if (file.size > this.config.UPLOAD_MAX_BYTES)
      throw ProposalsError.error('file_too_large', {
        maxMb: Math.round(this.config.UPLOAD_MAX_BYTES / 1048576),
      });
    if (
      !isAllowedUpload(file.originalname, file.mimetype) ||
      !magicMatches(file.mimetype, file.buffer)
    )
      throw ProposalsError.error('file_type_not_allowed');
    const key = `proposals/${proposalId}/${randomUUID()}${extname(file.originalname).toLowerCase()}`;
    const att = await this.ds.transaction(async (m) => {
      const { p, call } = await this.proposals.loadForOrg(m, actor, proposalId);
      await this.proposals.ensureEditable(m, p, call);
      if (
        (await m.getRepository(ProposalAttachment).countBy({ proposalId })) >=
        this.config.UPLOAD_MAX_FILES
      )
        throw ProposalsError.error('too_many_files', { max: this.config.UPLOAD_MAX_FILES });
      const row = m.create(ProposalAttachment, {
        proposalId,
        fileName: file.originalname.slice(0, 255),
        mimeType: file.mimetype,
        sizeBytes: file.size,
        storageKey: key,
        uploadedById: actor.userId,
      });
      await m.save(row);
      await this.audit.record(m, {
        action: 'proposal.attachment_added',
        entity: 'proposal',
        entityId: proposalId,
        after: { attachmentId: row.id, fileName: row.fileName, sizeBytes: row.sizeBytes },
      });
      // Written inside the transaction: a failed write rolls the row back.
      await this.storage.put(key, file.buffer);
      return row;
    });
    return att;
  }

  async remove(actor: Actor, proposalId: number, attachmentId: number): Promise<void> {
    const key = await this.ds.transaction(async (m) => {
      const { p, call } = await this.proposals.loadForOrg(m, actor, proposalId);
      await this.proposals.ensureEditable(m, p, call);
      const row = await m
        .getRepository(ProposalAttachment)
        .findOneBy({ id: attachmentId, proposalId });
      if (!row) throw AppException.notFound();
      await m.delete(ProposalAttachment, row.id);
      await this.audit.record(m, {
        action: 'proposal.attachment_removed',
        entity: 'proposal',
        entityId: proposalId,
        before: { attachmentId: row.id, fileName: row.fileName },
      });
      return row.storageKey;
    });
    await this.storage.delete(key);
  }

  async download(
    actor: Actor,
    proposalId: number,
    attachmentId: number,
  ): Promise<{ row: ProposalAttachment; data: Buffer }> {
    await this.query.detail(actor, proposalId);
    const row = await this.ds
      .getRepository(ProposalAttachment)
      .findOneBy({ id: attachmentId, proposalId });
    if (!row) throw AppException.notFound();
    return { row, data: await this.storage.get(row.storageKey) };
  }
}
