import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@gv/audit';
import { Actor, AppException } from '@gv/core';
import { CheckInDto, MinutesDto, PledgeDto } from './dto/roadshows.dto';
import { RoadshowPitch } from './entities/roadshow-pitch.entity';
import { RoadshowMinutes, RoadshowPledge } from './entities/roadshow-record.entity';
import { RoadshowSession } from './entities/roadshow-session.entity';
import { RoadshowsError } from './roadshows.errors';

/** On the day: check-in by code, no-shows, minutes per session, resources pledged to projects. */
@Injectable()
export class RoadshowDayService {
  constructor(
    @InjectDataSource() private readonly ds: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Checks an organisation in by its code (typed or scanned); idempotent. */
  async checkIn(roadshowId: number, dto: CheckInDto): Promise<RoadshowPitch> {
    return this.ds.transaction(async (m) => {
      const pitch = await m.findOne(RoadshowPitch, {
        where: { roadshowId, checkInCode: dto.code },
        relations: { proposal: { organisation: true } },
      });
      if (!pitch || !pitch.publishedSessionId)
        throw RoadshowsError.error('unknown_check_in_code', { code: dto.code }, [
          { field: 'code', code: 'unknown_check_in_code' },
        ]);
      if (!pitch.checkedInAt) {
        pitch.checkedInAt = new Date();
        pitch.noShow = false;
        await m.update(RoadshowPitch, pitch.id, { checkedInAt: pitch.checkedInAt, noShow: false });
        await this.audit.record(m, {
          action: 'roadshow.checked_in',
          entity: 'roadshow',
          entityId: roadshowId,
          after: { pitchId: pitch.id, proposalId: pitch.proposalId },
        });
      }
      return pitch;
    });
  }

  async setNoShow(pitchId: number, noShow: boolean): Promise<RoadshowPitch> {
    return this.ds.transaction(async (m) => {
      const pitch = Number.isSafeInteger(pitchId)
        ? await m.findOneBy(RoadshowPitch, { id: pitchId })
        : null;
      if (!pitch || !pitch.publishedSessionId) throw AppException.notFound();
      await m.update(RoadshowPitch, pitch.id, {
        noShow,
        checkedInAt: noShow ? null : pitch.checkedInAt,
      });
      await this.audit.record(m, {
        action: noShow ? 'roadshow.no_show' : 'roadshow.no_show_cleared',
        entity: 'roadshow',
        entityId: pitch.roadshowId,
        after: { pitchId, proposalId: pitch.proposalId },
      });
      return Object.assign(pitch, { noShow });
    });
  }

  async minutes(sessionId: number): Promise<RoadshowMinutes | null> {
    return this.ds.getRepository(RoadshowMinutes).findOneBy({ sessionId });
  }

  async saveMinutes(actor: Actor, sessionId: number, dto: MinutesDto): Promise<RoadshowMinutes> {
    const session = Number.isSafeInteger(sessionId)
      ? await this.ds.getRepository(RoadshowSession).findOneBy({ id: sessionId })
      : null;
    if (!session) throw AppException.notFound();
    return this.ds.transaction(async (m) => {
      const row = {
        sessionId,
        presentMemberIds: (dto.presentMemberIds ?? []).map(String),
        notes: dto.notes ?? '',
        updatedById: actor.userId,
      };
      await m.getRepository(RoadshowMinutes).upsert(row, ['sessionId']);
      await this.audit.record(m, {
        action: 'roadshow.minutes_saved',
        entity: 'roadshow',
        entityId: session.roadshowId,
        after: { sessionId, present: row.presentMemberIds.length },
      });
      return m.findOneByOrFail(RoadshowMinutes, { sessionId });
    });
  }

  async pledges(roadshowId: number): Promise<RoadshowPledge[]> {
    return this.ds.getRepository(RoadshowPledge).find({
      where: { roadshowId },
      relations: { proposal: true },
      order: { id: 'ASC' },
      take: 1000,
    });
  }

  async addPledge(actor: Actor, roadshowId: number, dto: PledgeDto): Promise<RoadshowPledge> {
    const pitch = await this.ds
      .getRepository(RoadshowPitch)
      .findOneBy({ roadshowId, proposalId: dto.proposalId });
    if (!pitch)
      throw AppException.validation([{ field: 'proposalId', code: 'proposal_not_in_roadshow' }]);
    if (dto.kind === 'money' && !dto.amountFen)
      throw AppException.validation([{ field: 'amountFen', code: 'pledge_amount_required' }]);
    return this.ds.transaction(async (m) => {
      const pledge = await m.save(
        m.create(RoadshowPledge, {
          roadshowId,
          proposalId: dto.proposalId,
          sponsor: dto.sponsor,
          kind: dto.kind,
          amountFen: dto.kind === 'money' ? (dto.amountFen ?? null) : null,
          description: dto.description ?? '',
          contact: dto.contact ?? '',
          recordedById: actor.userId,
        }),
      );
      await this.audit.record(m, {
        action: 'roadshow.pledge_recorded',
        entity: 'roadshow',
        entityId: roadshowId,
        after: {
          proposalId: dto.proposalId,
          sponsor: dto.sponsor,
          kind: dto.kind,
          amountFen: pledge.amountFen,
        },
      });
      return pledge;
    });
  }
}
