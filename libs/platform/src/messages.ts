import { MessageBundle } from '@gv/i18n';
import { webMessages } from '@gv/web';
import { CONTEXTS } from './contexts';

/** The shared page strings, then every context's bundle (deep-merged by I18n). */
export const ALL_MESSAGES: MessageBundle[] = [
  webMessages,
  ...CONTEXTS.flatMap((c) => (c.messages ? [c.messages] : [])),
];
