import { Actor, fenToYuan, Locale, Role } from '@gv/core';
import { I18n } from '@gv/i18n';
import type { ProjectDetail } from './project-detail.service';
import { Tranche } from './entities/delivery.entity';
import { EVALUATION_CRITERIA } from './evaluation-rubric';
import { gatePassed, latestEvaluation } from './project-money';
import { isStreetAdmin } from './projects.service';
import { TEMPLATE_LABELS, TEMPLATE_NAMES, TRANCHE_GATES } from './tranche-schedule';

/** How a page shows a tranche's label: template keys translated, custom text as typed. */
export function trancheLabel(i18n: I18n, l: Locale, label: string): string {
  if ((TEMPLATE_LABELS as readonly string[]).includes(label))
    return i18n.t(l, `delivery.trancheLabel.${label}`);
  if (/^\d{1,2}$/.test(label)) return i18n.t(l, 'delivery.trancheLabel.numbered', { n: label });
  return label;
}

/** Yuan as a form shows it ("1234.50", no thousands separators). */
export const yuanInput = (fen: number) => fenToYuan(fen).replace(/,/g, '');

/**
 * The project page's model: the detail with labels in the page's language and, per section, the
 * actions the viewer may take (the service checks them again).
 */
export function projectView(
  d: ProjectDetail,
  actor: Actor,
  i18n: I18n,
  l: Locale,
  names: Map<number, string>,
) {
  const t = (k: string, p?: Record<string, unknown>) => i18n.t(l, k, p);
  const admin = isStreetAdmin(actor);
  const org =
    actor.roles.includes(Role.OrgMember) && actor.organisationId === d.project.organisationId;
  const evaluator = admin || d.project.evaluatorUserId === actor.userId;
  const running = ['active', 'at_risk'].includes(d.project.status);
  const ag = d.agreement;
  const x = { ...d, award: { ...d.award } } as unknown as Parameters<typeof gatePassed>[0];
  const name = (id: number | null) => (id === null ? '' : (names.get(id) ?? `#${id}`));
  const editable = !ag || ['draft', 'issued'].includes(ag.status);
  const moved = d.tranches.some((tr) => tr.status !== 'scheduled');
  const tranche = (tr: Tranche) => {
    const passed = gatePassed(x, tr.gate) && ag?.status === 'checked';
    return {
      ...tr,
      labelText: trancheLabel(i18n, l, tr.label),
      gateText: t(`delivery.gate.${tr.gate}`),
      gatePassed: passed,
      statusText: t(`delivery.trancheStatus.${tr.status}`),
      approvedBy: name(tr.approvedById),
      paidBy: name(tr.paidById),
      canRequest: running && tr.status === 'scheduled' && passed && (admin || org),
      canApprove: running && tr.status === 'requested' && admin,
      canPay: running && tr.status === 'approved' && admin && tr.approvedById !== actor.userId,
      approverOnly:
        running && tr.status === 'approved' && admin && tr.approvedById === actor.userId,
    };
  };
  const midterm = latestEvaluation(d.evaluations, 'midterm');
  const final = latestEvaluation(d.evaluations, 'final');
  return {
    d,
    statusText: t(`delivery.status.${d.project.status}`),
    reasonText:
      d.project.statusReason === 'award_withdrawn'
        ? t('delivery.project.awardWithdrawn')
        : d.project.statusReason,
    communityName: d.community ? (l === 'en' ? d.community.nameEn : d.community.name) : '',
    evaluatorName: name(d.project.evaluatorUserId),
    can: {
      admin,
      org,
      assignEvaluator: admin,
      issue: admin && running && editable && !moved,
      bank: org && !!ag && ag.status !== 'checked',
      upload: org && !!ag && ['issued', 'signed_uploaded'].includes(ag.status),
      check: admin && ag?.status === 'signed_uploaded',
      evaluate: evaluator && !['terminated', 'completed'].includes(d.project.status),
      final: midterm?.result === 'pass',
      clawback: admin && d.money.paidFen > 0,
      close: admin && running && final?.result === 'pass',
      nominate: admin && d.project.status === 'completed' && !d.demoSite,
      decideDemo: admin && d.demoSite?.status === 'nominated',
    },
    agreement: ag && {
      ...ag,
      statusText: t(`delivery.agreementStatus.${ag.status}`),
      templateText: t(`delivery.template.${ag.template}`),
      checkedBy: name(ag.checkedById),
    },
    tranches: d.tranches.map(tranche),
    evaluations: d.evaluations.map((e) => ({
      ...e,
      kindText: t(`delivery.evaluation.kind.${e.kind}`),
      resultText: t(`delivery.evaluation.result.${e.result}`),
      outcomeText: e.outcome ? t(`delivery.evaluation.outcome.${e.outcome}`) : '',
      evaluator: name(e.evaluatorId),
      lines: EVALUATION_CRITERIA.map((c) => ({
        label: l === 'en' ? c.labelEn : c.label,
        points: e.scores[c.id],
        max: c.maxPoints,
      })),
    })),
    clawbacks: d.clawbacks.map((c) => ({
      ...c,
      statusText: t(`delivery.clawbackStatus.${c.status}`),
      canRecover: admin && c.status === 'recorded',
      canReturn: admin && c.status === 'recovered',
    })),
    milestones: d.milestones,
    accounts: {
      ...d.accounts,
      lines: d.accounts.lines.map((a) => ({
        ...a,
        categoryText: t(`proposals.category.${a.category}`),
        spentInput: d.accounts.fromReports ? yuanInput(a.spentFen) : '',
      })),
    },
    demoSite: d.demoSite && {
      ...d.demoSite,
      statusText: t(`delivery.demo.status.${d.demoSite.status}`),
    },
    templateOptions: TEMPLATE_NAMES.map((n) => ({ value: n, label: t(`delivery.template.${n}`) })),
    gateOptions: TRANCHE_GATES.map((g) => ({ value: g, label: t(`delivery.gate.${g}`) })),
    outcomeNote: d.project.status === 'suspended' ? t('delivery.project.suspendedNote') : '',
  };
}
