import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { I18n } from '@gv/i18n';
import { CurrentLocale, parseId, sessionUser } from '@gv/web';
import { Locale, Role, Roles } from '@gv/core';
import {
  ApproveDto,
  AwardDto,
  DryRunDto,
  FundingSettingsDto,
  OverrideDto,
  ReasonDto,
} from './dto/funding.dto';
import { FundingService } from './funding.service';
import { fundingLineView } from './funding.view';

@ApiTags('funding')
@ApiBearerAuth()
@Controller('api/v1')
export class FundingApiController {
  constructor(
    private readonly funding: FundingService,
    private readonly i18n: I18n,
  ) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/funding/settings')
  @ApiOperation({ summary: "The call's funding rule and constraints (立项规则)" })
  settings(@Param('callId') callId: string) {
    return this.funding.settings(parseId(callId));
  }

  @Roles(Role.StreetAdmin)
  @Put('calls/:callId/funding/settings')
  @ApiOperation({
    summary: 'Change the rule, pass line, track budgets, community quotas, 核减, period',
  })
  updateSettings(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: FundingSettingsDto,
  ) {
    return this.funding.updateSettings(sessionUser(req), parseId(callId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/funding/dry-runs')
  @ApiOperation({
    summary:
      'Dry run (试算): one ranking version per rule, side by side, with the full trace; nothing is awarded',
  })
  async dryRun(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: DryRunDto,
    @CurrentLocale() locale: Locale,
  ) {
    const { runs, refused } = await this.funding.dryRun(
      sessionUser(req),
      parseId(callId),
      dto.rules,
    );
    return {
      items: runs.map((r) => ({
        ...r.run,
        lines: r.lines.map((l) => fundingLineView(l, locale)),
      })),
      // rules that could not run on these inputs (e.g. the exact knapsack past its size), with why
      refused: refused.map((r) => ({
        rule: r.rule,
        code: r.error.code,
        message: this.i18n.t(locale, `errors.${r.error.code}`, r.error.params),
      })),
    };
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/funding/versions')
  @ApiOperation({
    summary: 'Ranking versions (dry runs, the approved one, superseded ones), newest first',
  })
  async versions(@Param('callId') callId: string) {
    const items = await this.funding.versions(parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Get('funding-runs/:id')
  @ApiOperation({ summary: 'One ranking version with its trace (reason for every line, zh-CN/en)' })
  async version(@Param('id') id: string, @CurrentLocale() locale: Locale) {
    const { run, lines } = await this.funding.run(parseId(id));
    return { ...run, lines: lines.map((l) => fundingLineView(l, locale)) };
  }

  @Roles(Role.StreetAdmin)
  @Post('funding-runs/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'The chair approves one ranking version for the review group (members present); 409 if inputs changed since the dry run',
  })
  approve(@Req() req: Request, @Param('id') id: string, @Body() dto: ApproveDto) {
    return this.funding.approve(sessionUser(req), parseId(id), dto.presentMemberIds);
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/funding/overrides')
  @ApiOperation({ summary: 'Overrides (fund / do not fund / amount) with their reasons' })
  async overrides(@Param('callId') callId: string) {
    const items = await this.funding.overrides(parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Put('calls/:callId/funding/overrides')
  @ApiOperation({
    summary: 'Set an override with a reason (audited; re-checked against every cap)',
  })
  override(@Req() req: Request, @Param('callId') callId: string, @Body() dto: OverrideDto) {
    return this.funding.override(sessionUser(req), parseId(callId), dto);
  }

  @Roles(Role.StreetAdmin)
  @Delete('calls/:callId/funding/overrides/:proposalId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an override (audited)' })
  async removeOverride(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Param('proposalId') proposalId: string,
  ) {
    await this.funding.removeOverride(sessionUser(req), parseId(callId), parseId(proposalId));
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/funding/ledger')
  @ApiOperation({
    summary: 'Budget ledger: cap, committed and available per call (*) and per track, in fen',
  })
  async ledger(@Param('callId') callId: string) {
    const items = await this.funding.ledger(parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/funding/awards')
  @ApiOperation({ summary: 'Awards (立项) of the call' })
  async awards(@Param('callId') callId: string) {
    const items = await this.funding.awards(parseId(callId));
    return { items, total: items.length };
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/funding/awards')
  @ApiOperation({
    summary:
      'Award one proposal outside a ranking version (e.g. the next in line), under the ledger lock: never over a cap',
  })
  award(@Req() req: Request, @Param('callId') callId: string, @Body() dto: AwardDto) {
    return this.funding.award(
      sessionUser(req),
      parseId(callId),
      dto.proposalId,
      dto.amountFen,
      dto.reason,
    );
  }

  @Roles(Role.StreetAdmin)
  @Post('funding/awards/:proposalId/withdraw')
  @HttpCode(204)
  @ApiOperation({ summary: 'Withdraw an award with a reason; the money returns to the ledger' })
  async withdraw(
    @Req() req: Request,
    @Param('proposalId') proposalId: string,
    @Body() dto: ReasonDto,
  ) {
    await this.funding.withdrawAward(sessionUser(req), parseId(proposalId), dto.reason);
  }
}
