import type { MessageBundle } from '@gv/i18n';

/** 落户 texts (merged into fundingMessages). */
export const placementMessages: MessageBundle = {
  'zh-CN': { placement: { title: '项目落户' } },
  en: { placement: { title: 'Host communities' } },
};
