import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Role, Roles } from '@gv/core';
import type { SessionUser } from '@gv/core';
import { CurrentUser, parseId } from '@gv/web';
import { DemoSitesService, shanghaiYear } from './demo-sites.service';
import { DisbursementsService } from './disbursements.service';
import {
  ClawbackDto,
  DemoAwardDto,
  DemoBudgetDto,
  DemoSitesQuery,
  PayDto,
  ReasonDto,
} from './dto/delivery-money.dto';

/** 拨付、追回、示范点 API: the disbursement ledger, clawbacks and demonstration-site awards. */
@ApiTags('delivery')
@ApiBearerAuth()
@Controller('api/v1/delivery')
export class DeliveryMoneyApiController {
  constructor(
    private readonly disbursements: DisbursementsService,
    private readonly demoSites: DemoSitesService,
  ) {}

  @Roles(Role.StreetAdmin, Role.OrgMember)
  @Post('tranches/:id/request')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Request a tranche (organisation or street office): 409 tranche_gate_not_passed / agreement_not_checked / tranche_over_award / project_terminated',
  })
  request(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.disbursements.request(user, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('tranches/:id/approve')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Approve a requested tranche: the gate re-checked, approved + paid never above the award (row locks; 409 tranche_over_award)',
  })
  approve(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.disbursements.approve(user, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('tranches/:id/pay')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Record an approved tranche paid (who, when, bank reference): never by its approver (403 tranche_same_person)',
  })
  pay(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: PayDto) {
    return this.disbursements.pay(user, parseId(id), dto);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/clawbacks')
  @ApiOperation({
    summary: 'Record a clawback (追回) against the project with a reason: at most what was paid',
  })
  clawback(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ClawbackDto) {
    return this.disbursements.clawback(user, parseId(id), dto.amountFen, dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Post('clawbacks/:id/recovered')
  @HttpCode(200)
  @ApiOperation({ summary: 'The organisation paid a clawback back' })
  recovered(@CurrentUser() user: SessionUser, @Param('id') id: string) {
    return this.disbursements.markRecovered(user, parseId(id));
  }

  @Roles(Role.StreetAdmin)
  @Post('clawbacks/:id/return-to-budget')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Decision: a recovered clawback returns to the call's available budget (the award and the funding ledger drop by it)",
  })
  returnToBudget(
    @CurrentUser() user: SessionUser,
    @Param('id') id: string,
    @Body() dto: ReasonDto,
  ) {
    return this.disbursements.returnToBudget(user, parseId(id), dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Get('demo-sites')
  @ApiOperation({ summary: 'Demonstration sites (示范点) of a year: the budget and the awards' })
  demo(@Query() q: DemoSitesQuery) {
    return this.demoSites.overview(q.year ?? shanghaiYear());
  }

  @Roles(Role.StreetAdmin)
  @Put('demo-sites/budget')
  @ApiOperation({
    summary:
      "Set a year's demonstration-site budget (its own cap and ledger; never below committed)",
  })
  budget(@CurrentUser() user: SessionUser, @Body() dto: DemoBudgetDto) {
    return this.demoSites.setBudget(user, dto.year, dto.capFen);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/demo-site')
  @ApiOperation({ summary: 'Nominate a completed project as a demonstration site' })
  nominate(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ReasonDto) {
    return this.demoSites.nominate(user, parseId(id), dto.reason);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/demo-site/award')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Award a nominated demonstration site 5,000–10,000 yuan (400 demo_site_amount) from the year’s budget (409 over it)',
  })
  award(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: DemoAwardDto) {
    return this.demoSites.award(user, parseId(id), dto.amountFen);
  }

  @Roles(Role.StreetAdmin)
  @Post('projects/:id/demo-site/decline')
  @HttpCode(200)
  @ApiOperation({ summary: 'Decline a nomination with a reason' })
  decline(@CurrentUser() user: SessionUser, @Param('id') id: string, @Body() dto: ReasonDto) {
    return this.demoSites.decline(user, parseId(id), dto.reason);
  }
}
