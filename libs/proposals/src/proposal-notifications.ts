import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatShanghai, Locale } from '@gv/core';
import { Call, orgMembers } from '@gv/calls';
import { I18n } from '@gv/i18n';
import {
  DueReminder,
  dueOffset,
  HOUR_MS,
  NotificationContent,
  NotificationContentInput,
  NotificationEvent,
  offsetLabel,
  ReminderProvider,
  ReminderSource,
} from '@gv/notifications';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { Screening } from './entities/screening.entity';

/** 48 h and 24 h before the submission deadline. */
export const DEADLINE_REMINDER_OFFSETS = [-48 * HOUR_MS, -24 * HOUR_MS];

/** Template data of the proposal and call events (mail templates under libs/notifications/templates). */
@Injectable()
export class ProposalNotificationContent implements OnModuleInit {
  constructor(
    private readonly content: NotificationContent,
    private readonly i18n: I18n,
  ) {}

  onModuleInit(): void {
    for (const e of [
      NotificationEvent.ProposalSubmitted,
      NotificationEvent.ProposalVersionSubmitted,
      NotificationEvent.ProposalReturned,
      NotificationEvent.ScreeningResult,
      NotificationEvent.ProposalDeadlineReminder,
    ]) {
      this.content.register(e, (input) => this.proposalData(input), { sameForAllRecipients: true });
    }
    this.content.register(NotificationEvent.CallPhaseChanged, (input) => this.callData(input), {
      sameForAllRecipients: true,
    });
  }

  private async proposalData({ ids, locale, manager }: NotificationContentInput) {
    const p = ids['proposalId']
      ? await manager
          .getRepository(Proposal)
          .findOne({ where: { id: Number(ids['proposalId']) }, relations: { organisation: true } })
      : null;
    const call = await manager
      .getRepository(Call)
      .findOneBy({ id: p ? p.callId : Number(ids['callId']) });
    const s = p ? await manager.getRepository(Screening).findOneBy({ proposalId: p.id }) : null;
    const published = s?.publishedAt ? s : null;
    return {
      number: p?.number ?? '',
      proposalTitle: p?.title || '—',
      organisationName: p?.organisation?.name ?? '',
      version: Number(ids['version'] ?? p?.currentVersion ?? 0),
      totalFen: p?.totalFen ?? 0,
      callTitle: call?.title ?? '',
      deadline: call ? formatShanghai(call.submissionDeadline) : '',
      decision: published ? this.i18n.t(locale, `proposals.decision.${published.decision}`) : '',
      decisionCode: published?.decision ?? '',
      eligible: published?.decision === 'eligible',
      returned: published?.decision === 'returned',
      rejected: published?.decision === 'rejected',
      reason: published?.reason ?? '',
      correctionDeadline: published?.correctionDeadline
        ? formatShanghai(published.correctionDeadline)
        : '',
      link: p ? `/proposals/${p.id}` : '/my/proposals',
    };
  }

  private async callData({ ids, locale, manager }: NotificationContentInput) {
    const call = await manager.getRepository(Call).findOneBy({ id: Number(ids['callId']) });
    return {
      callTitle: call?.title ?? '',
      phase: call ? this.i18n.t(locale as Locale, `calls.phase.${call.phase}`) : '',
      link: call ? `/calls/${call.id}` : '/calls',
    };
  }
}

/** Deadline reminders (48 h and 24 h before) to organisations with unsubmitted drafts. */
@Injectable()
@ReminderSource()
export class ProposalDeadlineReminders implements ReminderProvider {
  readonly name = 'proposals.deadline';

  async findDue(m: EntityManager, now: Date): Promise<DueReminder[]> {
    const horizon = new Date(now.getTime() + 48 * HOUR_MS + 60_000);
    const calls = await m
      .getRepository(Call)
      .createQueryBuilder('c')
      .where('c.submissionDeadline > :now AND c.submissionDeadline <= :horizon', { now, horizon })
      .getMany();
    const due: DueReminder[] = [];
    for (const call of calls) {
      const offset = dueOffset(call.submissionDeadline, DEADLINE_REMINDER_OFFSETS, now);
      if (offset === undefined) continue;
      const drafts = await m
        .getRepository(Proposal)
        .find({ where: { callId: call.id, status: ProposalStatus.Draft }, order: { id: 'ASC' } });
      for (const p of drafts) {
        due.push({
          key: `proposal.deadline|call=${call.id}|proposal=${p.id}|${offsetLabel(offset)}`,
          event: NotificationEvent.ProposalDeadlineReminder,
          recipients: await orgMembers(m, [p.organisationId]),
          ids: { proposalId: p.id, callId: call.id },
        });
      }
    }
    return due;
  }
}
