import { DECISION_MESSAGES, NOTE_MESSAGES } from '@gv/allocation';
import { fenToYuan, Locale } from '@gv/core';
import { FundingRunLine } from './entities/funding.entity';

const EXTRA: Record<Locale, Record<string, string>> = {
  'zh-CN': {
    funded_by_override: '经评审组调整予以资助',
    excluded_by_override: '经评审组调整不予资助',
    override: '调整理由：{reason}',
    amount_override: '金额经调整：{reason}',
  },
  en: {
    funded_by_override: 'Funded by the review group’s override',
    excluded_by_override: 'Not funded by the review group’s override',
    override: 'Override: {reason}',
    amount_override: 'Amount changed: {reason}',
  },
};

const fill = (text: string, params: Record<string, string | number> = {}) =>
  text.replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));

/** A line's decision and notes in words (zh-CN or en); fen amounts in notes shown as yuan. */
export function describeLine(l: Pick<FundingRunLine, 'decision' | 'notes'>, locale: Locale) {
  const d = DECISION_MESSAGES[locale] as Record<string, string>;
  const n = NOTE_MESSAGES[locale] as Record<string, string>;
  return {
    decisionText: d[l.decision] ?? EXTRA[locale][l.decision] ?? l.decision,
    noteTexts: l.notes.map((x) => fill(n[x.code] ?? EXTRA[locale][x.code] ?? x.code, x.params)),
  };
}

export function fundingLineView(l: FundingRunLine, locale: Locale) {
  return {
    ...l,
    requested: fenToYuan(l.requestedFen),
    amount: fenToYuan(l.amountFen),
    remainingAfter: fenToYuan(l.remainingAfterFen),
    funded: l.amountFen > 0,
    ...describeLine(l, locale),
  };
}
