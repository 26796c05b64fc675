import { Body, Controller, Get, Headers, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Locale, Public, Role, Roles } from '@gv/core';
import { CurrentLocale, fileDownload, parseId, sessionUser } from '@gv/web';
import {
  BallotDto,
  VoidVoterDto,
  VoteConfirmDto,
  VoteRegisterDto,
  VoteSettingsDto,
} from './dto/resident-vote.dto';
import { ResidentVoteService, VOTER_COOKIE } from './resident-vote.service';

/** The voter's token: the `X-Voter-Token` header (API clients) or the voter cookie (browsers). */
export function voterToken(req: Request, header?: string): string | undefined {
  const c: unknown = req.cookies?.[VOTER_COOKIE];
  return header || (typeof c === 'string' && c ? c : undefined);
}

@ApiTags('residents-vote')
@ApiBearerAuth()
@Controller('api/v1')
export class ResidentVoteApiController {
  constructor(private readonly votes: ResidentVoteService) {}

  @Public()
  @Get('calls/:callId/vote')
  @ApiOperation({
    summary:
      "The call's residents' vote (居民网上议事厅): window, K, mode/weight, the projects to approve",
  })
  async info(@Param('callId') callId: string) {
    const { call, s } = await this.votes.call(parseId(callId));
    const projects = await this.votes.projects(call.id);
    return { callId: call.id, ...this.votes.status(s), projects };
  }

  @Public()
  @Post('calls/:callId/vote/register')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Register an email: a 6-digit code is mailed (30 minutes, 5 tries); throttled per address and email',
  })
  async register(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: VoteRegisterDto,
    @CurrentLocale() locale: Locale,
  ) {
    await this.votes.register(parseId(callId), dto.email, req.ip ?? '', locale);
    return { sent: true };
  }

  @Public()
  @Post('calls/:callId/vote/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary: "Check the mailed code; returns the voter's token (send it as X-Voter-Token)",
  })
  async confirm(@Req() req: Request, @Param('callId') callId: string, @Body() dto: VoteConfirmDto) {
    const token = await this.votes.confirm(parseId(callId), dto.email, dto.code, req.ip ?? '');
    return { token };
  }

  @Public()
  @Get('calls/:callId/vote/ballot')
  @ApiHeader({ name: 'X-Voter-Token', required: false })
  @ApiOperation({ summary: "The confirmed voter's current approvals" })
  async ballot(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Headers('x-voter-token') header?: string,
  ) {
    const id = parseId(callId);
    await this.votes.call(id);
    const voter = await this.votes.voter(voterToken(req, header));
    if (!voter) return { confirmed: false, proposalIds: [] };
    return { confirmed: true, proposalIds: await this.votes.ballot(id, voter.id) };
  }

  @Public()
  @Put('calls/:callId/vote/ballot')
  @ApiHeader({ name: 'X-Voter-Token', required: false })
  @ApiOperation({
    summary:
      'Approve up to K projects (replaces the earlier choice); 409 outside the window, 400 over K',
  })
  async vote(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: BallotDto,
    @Headers('x-voter-token') header?: string,
  ) {
    const proposalIds = await this.votes.vote(
      parseId(callId),
      voterToken(req, header),
      dto.proposalIds,
    );
    return { proposalIds };
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/vote/settings')
  @ApiOperation({ summary: "The residents' vote settings of the call" })
  async settings(@Param('callId') callId: string) {
    const { s } = await this.votes.call(parseId(callId), true);
    return this.votes.status(s);
  }

  @Roles(Role.StreetAdmin)
  @Put('calls/:callId/vote/settings')
  @ApiOperation({ summary: "Set the residents' vote: on/off, window, K, mode, weight (audited)" })
  updateSettings(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: VoteSettingsDto,
  ) {
    return this.votes.updateSettings(sessionUser(req), parseId(callId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/vote/results')
  @ApiOperation({ summary: 'Counted approvals per project, and the voters (emails masked)' })
  results(@Param('callId') callId: string) {
    return this.votes.results(parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/vote/voids')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Void a suspicious voter with a reason (audited); their approvals stop counting',
  })
  async void(@Req() req: Request, @Param('callId') callId: string, @Body() dto: VoidVoterDto) {
    await this.votes.voidVoter(sessionUser(req), parseId(callId), dto.voterId, dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/vote/export.pb')
  @ApiOperation({
    summary: 'The call as a pabulib .pb file (projects, costs in fen, counted ballots)',
  })
  async export(@Param('callId') callId: string) {
    const { filename, text } = await this.votes.exportPb(parseId(callId));
    return fileDownload(filename, 'text/plain; charset=utf-8', Buffer.from(text, 'utf8'));
  }
}
