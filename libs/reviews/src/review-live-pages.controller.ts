import { Controller, Get, Param, Query, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { CallsService } from '@gv/calls';
import { Role } from '@gv/core';
import { page, parseId, sessionUser } from '@gv/web';
import { ReviewLive } from './review-live.service';
import { ReviewsService } from './reviews.service';

const text = (v: unknown) => (typeof v === 'string' ? v : undefined);

/**
 * Live mode on roadshow days: the judge's page follows the agenda (the pitch on stage first, with its
 * sheet a click away); the chair's screen shows who has submitted for the pitch on stage. Both refresh
 * themselves.
 */
@ApiExcludeController()
@Controller()
export class ReviewLivePagesController {
  constructor(
    private readonly live: ReviewLive,
    private readonly reviews: ReviewsService,
    private readonly calls: CallsService,
  ) {}

  @Get('reviews/live')
  @Render('reviews/live')
  async judge(@Req() req: Request, @Query('date') date?: string) {
    const seats = await this.reviews.queue(sessionUser(req));
    const days = [];
    for (const s of seats) {
      const day = await this.live.day(s.seat.callId, text(date));
      const status = new Map(s.items.map((i) => [i.proposalId, i.status]));
      days.push({
        callTitle: s.callTitle,
        callId: s.seat.callId,
        isChair: s.seat.isChair,
        dayDate: day.date,
        current: day.current && {
          ...day.current,
          mine: status.has(day.current.proposalId),
          status: status.get(day.current.proposalId),
        },
        pitches: day.pitches.map((p) => ({
          ...p,
          isCurrent: p.pitchId === day.current?.pitchId,
          mine: status.has(p.proposalId),
          status: status.get(p.proposalId),
        })),
      });
    }
    return page(req, 'reviews.live.title', { days, refreshSeconds: 30 });
  }

  @Get('calls/:id/reviews/live')
  @Render('reviews/live-board')
  async board(
    @Req() req: Request,
    @Param('id') id: string,
    @Query('date') date?: string,
    @Query('pitch') pitch?: string,
  ) {
    const callId = parseId(id);
    const { call } = await this.calls.get(callId, false);
    await this.reviews.chairOrAdmin(sessionUser(req), callId);
    const day = await this.live.day(callId, text(date));
    const chosen =
      day.pitches.find((p) => p.pitchId === parseId(text(pitch))) ?? day.current ?? undefined;
    const board = await this.live.board(
      callId,
      day.pitches.map((p) => p.proposalId),
    );
    const index = chosen ? day.pitches.findIndex((p) => p.pitchId === chosen.pitchId) : -1;
    return page(req, 'reviews.live.board', {
      call,
      dayDate: day.date,
      current: chosen && { ...chosen, ...board.get(chosen.proposalId) },
      previous: index > 0 ? day.pitches[index - 1] : undefined,
      next: index >= 0 && index < day.pitches.length - 1 ? day.pitches[index + 1] : undefined,
      pitches: day.pitches.map((p) => ({
        ...p,
        ...board.get(p.proposalId),
        isCurrent: p.pitchId === chosen?.pitchId,
      })),
      // Following the clock only when no pitch was picked by hand.
      refreshSeconds: text(pitch) ? 0 : 15,
      isAdmin: sessionUser(req).roles.includes(Role.StreetAdmin),
    });
  }
}
