import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { CallEvents, CallLimitsChangingEvent, CallsError } from '@gv/calls';
import { fenToYuan, FieldError } from '@gv/core';
import { OnDomainEvent } from '@gv/database';
import { Proposal, ProposalStatus } from './entities/proposal.entity';
import { ProposalVersion } from './entities/proposal-version.entity';

/** Requests that still stand: submitted, returned for correction, or found eligible. */
const STANDING = [ProposalStatus.Submitted, ProposalStatus.Returned, ProposalStatus.Eligible];

/** How proposals hold a call to what was submitted under it. */
@Injectable()
export class ProposalCallHooks {
  /**
   * New grant limits may not strand a standing request: a maximum below what a proposal asks for, or a
   * minimum above it, is refused with the proposals listed (their latest submitted versions).
   */
  @OnDomainEvent(CallEvents.LimitsChanging)
  async onLimitsChanging(e: CallLimitsChangingEvent, m: EntityManager): Promise<void> {
    const rows = await m
      .getRepository(Proposal)
      .createQueryBuilder('p')
      .innerJoin(ProposalVersion, 'v', 'v.proposalId = p.id AND v.version = p.currentVersion')
      .select(['p.number AS number', 'v.totalFen AS totalFen'])
      .where('p.callId = :callId AND p.status IN (:...standing)', {
        callId: e.callId,
        standing: STANDING,
      })
      .andWhere('(v.totalFen > :max OR v.totalFen < :min)', {
        max: e.maxGrantFen,
        min: e.minGrantFen,
      })
      .orderBy('p.number', 'ASC')
      .getRawMany<{ number: string; totalFen: number | string }>();
    if (!rows.length) return;
    const details: FieldError[] = rows.map((r) => {
      const fen = Number(r.totalFen);
      const above = fen > e.maxGrantFen;
      return {
        field: above ? 'maxGrantFen' : 'minGrantFen',
        code: above ? 'request_above_max' : 'request_below_min',
        params: { number: r.number, requestYuan: fenToYuan(fen) },
      };
    });
    throw CallsError.error(
      'call_limits_conflict',
      { count: rows.length, numbers: rows.map((r) => r.number).join(', ') },
      details,
    );
  }
}
