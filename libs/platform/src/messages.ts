import { MessageBundle } from '@gv/i18n';
import { accountsMessages } from '@gv/accounts';
import { auditMessages } from '@gv/audit';
import { placesMessages } from '@gv/places';
import { webMessages } from '@gv/web';
import { notificationsMessages } from '@gv/notifications';

export const ALL_MESSAGES: MessageBundle[] = [webMessages, accountsMessages, placesMessages, auditMessages, notificationsMessages];
