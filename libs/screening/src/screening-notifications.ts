import { Injectable } from '@nestjs/common';
import { formatShanghai } from '@gv/core';
import { I18n } from '@gv/i18n';
import {
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
} from '@gv/notifications';
import { proposalMailData } from '@gv/proposals';
import { Screening } from './entities/screening.entity';

/** Template data of the screening mails (templates under libs/screening/mail): the proposal and its published decision. */
@Injectable()
export class ScreeningNotificationContent {
  constructor(private readonly i18n: I18n) {}

  @NotificationContentFor([NotificationEvent.ScreeningResult, NotificationEvent.ProposalReturned], {
    sameForAllRecipients: true,
  })
  async screeningData({ ids, locale, manager }: NotificationContentInput) {
    const base = await proposalMailData(manager, ids);
    const id = Number(ids['proposalId']);
    const s = Number.isSafeInteger(id)
      ? await manager.getRepository(Screening).findOneBy({ proposalId: id })
      : null;
    const published = s?.publishedAt ? s : null;
    return {
      ...base,
      decision: published ? this.i18n.t(locale, `screening.decision.${published.decision}`) : '',
      decisionCode: published?.decision ?? '',
      eligible: published?.decision === 'eligible',
      returned: published?.decision === 'returned',
      rejected: published?.decision === 'rejected',
      reason: published?.reason ?? '',
      correctionDeadline: published?.correctionDeadline
        ? formatShanghai(published.correctionDeadline)
        : '',
    };
  }
}
