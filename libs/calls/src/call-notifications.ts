import { Injectable } from '@nestjs/common';
import { I18n } from '@gv/i18n';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
} from '@gv/notifications';
import { Call } from './entities/call.entity';

/** Template data of `call.phase_changed` (mail templates under libs/calls/mail). */
@Injectable()
export class CallNotificationContent {
  constructor(private readonly i18n: I18n) {}

  @NotificationContentFor(NotificationEvent.CallPhaseChanged, { sameForAllRecipients: true })
  async callData({ ids, locale, manager }: NotificationContentInput) {
    const call = await manager.getRepository(Call).findOneBy({ id: Number(ids['callId']) });
    return {
      callTitle: call?.title ?? '',
      phase: call ? this.i18n.t(locale, `calls.phase.${call.phase}`) : '',
      link: call ? `/calls/${call.id}` : '/calls',
    };
  }
}
