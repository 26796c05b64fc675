import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { formatShanghai } from '@gv/core';
import { orgMembers } from '@gv/accounts';
import { Call } from '@gv/calls';
import {
  DueReminder,
  dueOffset,
  HOUR_MS,
  NotificationContentFor,
  NotificationContentInput,
  NotificationEvent,
  offsetLabel,
  ReminderProvider,
  ReminderSource,
} from '@gv/notifications';
import { Proposal, ProposalStatus } from './entities/proposal.entity';

/** 48 h and 24 h before the submission deadline. */
export const DEADLINE_REMINDER_OFFSETS = [-48 * HOUR_MS, -24 * HOUR_MS];

/**
 * What every proposal mail shows of the proposal and its call (the screening mails add their part to it).
 * Re-read when the mail is rendered; ids only in the payload.
 */
export async function proposalMailData(
  manager: EntityManager,
  ids: Record<string, number | string>,
) {
  const p = ids['proposalId']
    ? await manager
        .getRepository(Proposal)
        .findOne({ where: { id: Number(ids['proposalId']) }, relations: { organisation: true } })
    : null;
  const call = await manager
    .getRepository(Call)
    .findOneBy({ id: p ? p.callId : Number(ids['callId']) });
  return {
    number: p?.number ?? '',
    proposalTitle: p?.title || '—',
    organisationName: p?.organisation?.name ?? '',
    version: Number(ids['version'] ?? p?.currentVersion ?? 0),
    totalFen: p?.totalFen ?? 0,
    callTitle: call?.title ?? '',
    deadline: call ? formatShanghai(call.submissionDeadline) : '',
    link: p ? `/proposals/${p.id}` : '/my/proposals',
  };
}

/** Template data of the proposal events (mail templates under libs/proposals/mail). */
@Injectable()
export class ProposalNotificationContent {
  @NotificationContentFor(
    [
      NotificationEvent.ProposalSubmitted,
      NotificationEvent.ProposalVersionSubmitted,
      NotificationEvent.ProposalDeadlineReminder,
    ],
    { sameForAllRecipients: true },
  )
  async proposalData({ ids, manager }: NotificationContentInput) {
    return proposalMailData(manager, ids);
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
