import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { AppException, fenToYuan, Role } from '@gv/core';
import { Call, CallsService } from '@gv/calls';
import { I18n } from '@gv/i18n';
import { CommunityOptions } from '@gv/places';
import { AppConfig } from '@gv/config';
import { formLimits, page, sessionUser, parenthesised } from '@gv/web';
import {
  BENEFICIARY_GROUPS,
  BudgetLineDto,
  MilestoneDto,
  ProposalContentDto,
} from '../dto/proposals.dto';
import { BUDGET_CATEGORIES } from '../entities/proposal-budget-line.entity';
import { displayTotals, ProposalForm } from '../proposal-form';
import { ProposalDetail, ProposalQueryService } from '../proposal-query.service';
import { ProposalsService } from '../proposals.service';

export interface FormPageInput {
  call: Call;
  /** The proposal being edited; absent for a new one. */
  proposalId?: number;
  form: ProposalForm;
  errors?: Record<string, string>;
  formError?: string;
  flash?: string;
}

/** View models of the proposal pages (options in the page's language, flags the templates need). */
@Injectable()
export class ProposalPageModels {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly i18n: I18n,
    private readonly calls: CallsService,
    private readonly proposals: ProposalsService,
    private readonly query: ProposalQueryService,
    private readonly communities: CommunityOptions,
    private readonly config: AppConfig,
  ) {}

  communityOptions(req: Request, head: string) {
    return this.communities.options(req.locale, { head });
  }

  async form(req: Request, input: FormPageInput) {
    const l = req.locale;
    const t = (k: string) => this.i18n.t(l, k);
    const { needs } = await this.calls.get(input.call.id);
    const total = displayTotals(input.form);
    const action = input.proposalId ? `/proposals/${input.proposalId}/edit` : '/proposals/new';
    return page(req, input.proposalId ? 'proposals.edit' : 'proposals.new', {
      action,
      callId: input.call.id,
      call: input.call,
      proposalId: input.proposalId,
      form: input.form,
      errors: input.errors ?? {},
      formError: input.formError,
      flash: input.flash,
      total,
      trackOptions: input.call.tracks.map((v) => ({ value: v, label: t(`calls.tracks.${v}`) })),
      communityOptions: await this.communityOptions(req, '—'),
      needOptions: [
        { value: '', label: '—' },
        ...needs.map((n) => ({
          value: String(n.id),
          label:
            n.title +
            parenthesised(l, (l === 'en' ? n.community?.nameEn : n.community?.name) ?? ''),
        })),
      ],
      groupOptions: BENEFICIARY_GROUPS.map((v) => ({
        value: v,
        label: t(`proposals.groups.${v}`),
      })),
      categoryOptions: [
        { value: '', label: '—' },
        ...BUDGET_CATEGORIES.map((v) => ({ value: v, label: t(`proposals.category.${v}`) })),
      ],
      limits: { min: fenToYuan(input.call.minGrantFen), max: fenToYuan(input.call.maxGrantFen) },
      // The server's own limits on the fields (maxlength and "at most N characters" beside them), and
      // the largest form the server accepts (the page's script refuses to send a bigger one).
      maxLengths: formLimits(ProposalContentDto),
      lineLimits: formLimits(BudgetLineDto),
      milestoneLimits: formLimits(MilestoneDto),
      maxBytes: this.config.bodyLimitBytes,
    });
  }

  /** Why the organisation cannot change the proposal now (deadline, state), or undefined if it can. */
  async lockedReason(req: Request, d: ProposalDetail): Promise<string | undefined> {
    try {
      await this.proposals.ensureEditable(this.ds.manager, d.proposal, d.call);
      return undefined;
    } catch (err) {
      if (err instanceof AppException && err.status === 409)
        return this.i18n.t(req.locale, `errors.${err.code}`, err.params);
      throw err;
    }
  }

  async detail(req: Request, id: number, version?: number, extra: Record<string, unknown> = {}) {
    const actor = sessionUser(req);
    const d = await this.query.detail(actor, id, version);
    const isOrg = actor.role === Role.OrgMember;
    const staff = actor.role === Role.StreetAdmin || actor.role === Role.CommunityStaff;
    const lockedReason = isOrg ? await this.lockedReason(req, d) : undefined;
    const p = d.proposal;
    const versionOptions = [
      ...d.versions.map((v) => ({
        value: String(v.version),
        label: this.i18n.t(req.locale, 'proposals.versionLabel', { version: v.version }),
      })),
      // The working copy is the organisation's own.
      ...(isOrg ? [{ value: '0', label: this.i18n.t(req.locale, 'proposals.workingCopy') }] : []),
    ];
    const latest = d.versions.length ? d.versions[d.versions.length - 1].version : 0;
    return page(req, 'proposals.title', {
      d,
      p,
      call: d.call,
      version: d.version,
      isOrg,
      staff,
      editable: isOrg && !lockedReason && d.version === 0,
      lockedReason,
      need: p.need,
      communities: d.communities,
      lines: d.budgetLines,
      milestones: d.milestones,
      versions: d.versions,
      attachments: d.attachments,
      sections: d.sections.map((x) => ({ partial: x.partial, model: x.content.view })),
      canWithdraw: isOrg && !lockedReason && d.version === 0,
      diff: {
        options: versionOptions,
        from: String(Math.max(latest - 1, 0) || latest),
        to: latest > 1 || !isOrg ? String(latest) : '0',
      },
      ...extra,
    });
  }
}
