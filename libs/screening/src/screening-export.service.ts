import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import ExcelJS from 'exceljs';
import { DataSource, In } from 'typeorm';
import { AppException, formatShanghai, Locale, neutraliseFormula as cell } from '@gv/core';
import { Call } from '@gv/calls';
import { I18n } from '@gv/i18n';
import { Proposal, ProposalBudgetLine, ProposalCommunity, ProposalVersion } from '@gv/proposals';
import { Screening } from './entities/screening.entity';

const yuan = (fen: number) => fen / 100; // exact for display: fen are integers below 2^53

/** XLSX of a call's submitted proposals: one sheet of proposals with screening, one of budget lines. */
@Injectable()
export class ScreeningExportService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly i18n: I18n,
  ) {}

  async workbook(callId: number, locale: Locale): Promise<{ call: Call; buffer: Buffer }> {
    const call = Number.isSafeInteger(callId)
      ? await this.ds.getRepository(Call).findOneBy({ id: callId })
      : null;
    if (!call) throw AppException.notFound();
    const t = (k: string) => this.i18n.t(locale, k);
    const proposals = await this.ds
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .leftJoinAndSelect('p.organisation', 'o')
      .where('p.callId = :callId AND p.currentVersion > 0', { callId })
      .orderBy('p.number', 'ASC')
      .getMany();
    const ids = proposals.map((p) => p.id);
    const screenings = ids.length
      ? await this.ds.getRepository(Screening).findBy({ proposalId: In(ids) })
      : [];
    // What was submitted (the latest submitted version), never the organisation's working copy.
    const versions = ids.length
      ? await this.ds
          .getRepository(ProposalVersion)
          .createQueryBuilder('v')
          .innerJoin(Proposal, 'p', 'p.id = v.proposalId AND p.currentVersion = v.version')
          .where('v.proposalId IN (:...ids)', { ids })
          .getMany()
      : [];
    const communities = ids.length
      ? (
          await this.ds.getRepository(ProposalCommunity).find({
            where: { proposalId: In(ids) },
            relations: { community: true },
            order: { preference: 'ASC' },
          })
        ).filter((c) => proposals.find((p) => p.id === c.proposalId)?.currentVersion === c.version)
      : [];
    const wb = new ExcelJS.Workbook();
    wb.creator = 'gongyi-venture';
    const ws = wb.addWorksheet(t('screening.export.sheetProposals'));
    ws.columns = [
      { header: t('proposals.fields.number'), key: 'number', width: 16 },
      { header: t('proposals.fields.title'), key: 'title', width: 36 },
      { header: t('proposals.fields.organisation'), key: 'org', width: 28 },
      { header: t('proposals.fields.communities'), key: 'communities', width: 24 },
      { header: t('proposals.fields.status'), key: 'status', width: 12 },
      { header: t('proposals.fields.version'), key: 'version', width: 8 },
      {
        header: t('proposals.fields.totalYuan'),
        key: 'total',
        width: 14,
        style: { numFmt: '#,##0.00' },
      },
      {
        header: t('proposals.fields.coFundingYuan'),
        key: 'cofunding',
        width: 14,
        style: { numFmt: '#,##0.00' },
      },
      { header: t('proposals.fields.submittedAt'), key: 'submitted', width: 18 },
      { header: t('screening.decision'), key: 'decision', width: 14 },
      { header: t('screening.reason'), key: 'reason', width: 36 },
      { header: t('screening.published'), key: 'published', width: 18 },
    ];
    ws.getRow(1).font = { bold: true };
    for (const p of proposals) {
      const s = screenings.find((x) => x.proposalId === p.id);
      const v = versions.find((x) => x.proposalId === p.id);
      ws.addRow({
        number: p.number,
        title: cell(v?.title ?? p.title),
        org: cell(p.organisation?.name),
        status: t(`proposals.status.${p.status}`),
        version: p.currentVersion,
        communities: communities
          .filter((c) => c.proposalId === p.id)
          .map((c) => cell(locale === 'en' ? c.community!.nameEn : c.community!.name))
          .join(locale === 'en' ? ', ' : '、'),
        total: yuan(v?.totalFen ?? p.totalFen),
        cofunding: yuan(v?.coFundingFen ?? p.coFundingFen),
        submitted: formatShanghai(p.submittedAt),
        decision: s ? t(`screening.decision.${s.decision}`) : '',
        reason: cell(s?.reason),
        published: formatShanghai(s?.publishedAt),
      });
    }
    const bs = wb.addWorksheet(t('screening.export.sheetBudget'));
    bs.columns = [
      { header: t('proposals.fields.number'), key: 'number', width: 16 },
      { header: t('proposals.budget.category'), key: 'category', width: 14 },
      { header: t('proposals.budget.item'), key: 'item', width: 36 },
      {
        header: t('proposals.budget.unitPrice'),
        key: 'unit',
        width: 14,
        style: { numFmt: '#,##0.00' },
      },
      { header: t('proposals.budget.quantity'), key: 'qty', width: 10 },
      {
        header: t('proposals.budget.subtotal'),
        key: 'subtotal',
        width: 14,
        style: { numFmt: '#,##0.00' },
      },
    ];
    bs.getRow(1).font = { bold: true };
    // The budget of the last submitted version (what was screened).
    for (const p of proposals) {
      const lines = await this.ds.getRepository(ProposalBudgetLine).find({
        where: { proposalId: p.id, version: p.currentVersion },
        order: { position: 'ASC' },
      });
      for (const l of lines)
        bs.addRow({
          number: p.number,
          category: t(`proposals.category.${l.category}`),
          item: cell(l.item),
          unit: yuan(l.unitPriceFen),
          qty: l.quantity,
          subtotal: yuan(l.subtotalFen),
        });
    }
    return { call, buffer: Buffer.from(await wb.xlsx.writeBuffer()) };
  }
}
