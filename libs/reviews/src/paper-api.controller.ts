import { Body, Controller, Get, HttpCode, Param, Post, Query, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { Locale, Role, Roles } from '@gv/core';
import { CurrentLocale, parseId, sessionUser } from '@gv/web';
import { PaperEntryDto, PaperListQuery } from './dto/paper.dto';
import { PaperEntryService } from './paper-entry.service';

/** 纸质评分表双人录入 over the API: the street office types in judges' paper sheets, twice. */
@ApiTags('reviews')
@ApiBearerAuth()
@Controller('api/v1')
export class PaperApiController {
  constructor(private readonly paper: PaperEntryService) {}

  @Roles(Role.StreetAdmin)
  @Get('calls/:callId/reviews/paper')
  @ApiOperation({
    summary:
      'Paper sheets typed in (pending, mismatch with the per-criterion differences, confirmed), newest first',
  })
  async list(
    @Param('callId') callId: string,
    @Query() q: PaperListQuery,
    @CurrentLocale() locale: Locale,
  ) {
    return this.paper.list(parseId(callId), q, locale);
  }

  @Roles(Role.StreetAdmin)
  @Post('calls/:callId/reviews/paper')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Type in a judge’s paper sheet: the first entry waits; a second staff member’s equal entry submits the judge’s sheet (source paper), a different one is a mismatch; entering again replaces one’s own entry',
  })
  async enter(
    @Req() req: Request,
    @Param('callId') callId: string,
    @Body() dto: PaperEntryDto,
    @CurrentLocale() locale: Locale,
  ) {
    return this.paper.enter(sessionUser(req), parseId(callId), dto, locale);
  }
}
