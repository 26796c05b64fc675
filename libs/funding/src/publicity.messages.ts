import type { MessageBundle } from '@gv/i18n';

/** 公示 and 异议 texts (merged into fundingMessages). */
export const publicityMessages: MessageBundle = {
  'zh-CN': { publicity: { title: '立项公示' } },
  en: { publicity: { title: 'Funding results' } },
};
