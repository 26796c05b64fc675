import { MessageBundle } from '@gv/i18n';
import { accountsMessages } from '@gv/accounts';
import { auditMessages } from '@gv/audit';
import { placesMessages } from '@gv/places';
import { webMessages } from '@gv/web';
import { notificationsMessages } from '@gv/notifications';
import { organisationsMessages } from '@gv/organisations';
import { needsMessages } from '@gv/needs';
import { proposalsMessages } from '@gv/proposals';

export const ALL_MESSAGES: MessageBundle[] = [
  webMessages,
  accountsMessages,
  placesMessages,
  auditMessages,
  notificationsMessages,
  organisationsMessages,
  needsMessages,
  proposalsMessages,
];
