import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Call, CallPhase } from '@gv/calls';
import { formatShanghai } from '@gv/core';
import {
  DueReminder,
  dueOffset,
  HOUR_MS,
  NotificationContentFor,
  NotificationEvent,
  offsetLabel,
  ReminderProvider,
  ReminderSource,
} from '@gv/notifications';
import { PanelMember } from '@gv/panels';
import { ReviewsService } from './reviews.service';

const OFFSETS = [-48 * HOUR_MS, -24 * HOUR_MS];

/** 48 h and 24 h before scoring closes (the publicity date): each judge with sheets still open. */
@Injectable()
@ReminderSource()
export class ReviewReminders implements ReminderProvider {
  readonly name = 'reviews.open_sheets';

  constructor(private readonly reviews: ReviewsService) {}

  async findDue(m: EntityManager, now: Date): Promise<DueReminder[]> {
    const calls = await m
      .getRepository(Call)
      .createQueryBuilder('c')
      .where('c.phase = :scoring AND c.publicityAt > :now AND c.publicityAt <= :horizon', {
        scoring: CallPhase.Scoring,
        now,
        horizon: new Date(now.getTime() + 48 * HOUR_MS + 60_000),
      })
      .getMany();
    const due: DueReminder[] = [];
    for (const call of calls) {
      const offset = dueOffset(call.publicityAt, OFFSETS, now);
      if (offset === undefined) continue;
      const { judges } = await this.reviews.progress(call.id);
      for (const j of judges.filter((x) => x.submitted < x.assigned)) {
        const member = await m.findOne(PanelMember, {
          where: { id: j.memberId },
          relations: { user: true },
        });
        const u = member?.user;
        if (!u?.active) continue;
        due.push({
          key: `review.reminder|call=${call.id}|member=${j.memberId}|${offsetLabel(offset)}`,
          event: NotificationEvent.ReviewReminder,
          recipients: [{ userId: u.id, email: u.email, locale: u.locale }],
          ids: { callId: call.id, memberId: j.memberId, open: j.assigned - j.submitted },
        });
      }
    }
    return due;
  }

  @NotificationContentFor(NotificationEvent.ReviewReminder)
  async content(input: { ids: Record<string, number | string>; manager: EntityManager }) {
    const call = await input.manager.findOneBy(Call, { id: Number(input.ids['callId']) });
    return {
      callTitle: call?.title ?? '',
      deadline: call ? formatShanghai(call.publicityAt) : '',
      open: Number(input.ids['open'] ?? 0),
      link: '/reviews',
    };
  }
}
