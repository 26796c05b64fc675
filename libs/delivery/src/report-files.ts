import { randomUUID } from 'node:crypto';
import { extname } from 'node:path';
import { EntityManager } from 'typeorm';
import { AuditService } from '@gv/audit';
import { ALLOWED_TYPES, FileStorage, UploadedFileData, utf8FileName } from '@gv/proposals';
import { DeliveryError } from './delivery.errors';
import { ReportFileMarksDto } from './dto/reports.dto';
import { ReportFile } from './entities/delivery.entity';

/** Photos a public page may show (the other allowed types are files: PDF, Word, Excel). */
export const IMAGE_TYPES = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

/**
 * A report's photo or file, checked before any write: size (413), type by MIME type, extension and
 * leading bytes (415); the multipart file name decoded as UTF-8 (e.g. 入户走访.png).
 */
export function checkReportFile(file: UploadedFileData, maxBytes: number): UploadedFileData {
  const name = utf8FileName(file.originalname);
  if (file.size > maxBytes)
    throw DeliveryError.error('report_file_too_large', { maxMb: Math.round(maxBytes / 1048576) });
  const t = ALLOWED_TYPES[file.mimetype];
  if (
    !t ||
    !t.ext.includes(extname(name).toLowerCase()) ||
    !t.magic.some((sig) => sig.every((b, i) => file.buffer[i] === b))
  )
    throw DeliveryError.error('report_file_type');
  return { ...file, originalname: name };
}

/**
 * Records the file with its marks (audited) and writes its bytes, inside the caller's transaction: a
 * failed write rolls the row back. Returns the file's id.
 */
export async function storeReportFile(
  m: EntityManager,
  deps: { storage: FileStorage; audit: AuditService },
  projectId: number,
  reportId: number,
  file: UploadedFileData,
  marks: ReportFileMarksDto,
): Promise<number> {
  const ext = extname(file.originalname).toLowerCase();
  const key = `delivery/${projectId}/reports/${reportId}-${randomUUID()}${ext}`;
  const values = {
    fileName: file.originalname.slice(0, 255),
    showsPeople: !!marks.showsPeople,
    publicConsent: !!marks.publicConsent,
  };
  const { identifiers } = await m.insert(ReportFile, {
    ...values,
    reportId,
    mimeType: file.mimetype,
    sizeBytes: file.size,
    storageKey: key,
  });
  const id = identifiers[0]['id'] as number;
  await deps.audit.record(m, {
    action: 'delivery.report_file_added',
    entity: 'progress_report',
    entityId: reportId,
    after: { fileId: id, ...values, sizeBytes: file.size },
  });
  await deps.storage.put(key, file.buffer);
  return id;
}
