import { Controller, Get, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@gv/core';
import { page } from '@gv/web';

/** `/`: the public landing page, or the signed-in user's desk for their role. */
@ApiExcludeController()
@Controller()
export class HomeController {
  @Public()
  @Get()
  @Render('platform/home')
  home(@Req() req: Request) {
    const role = req.user?.role;
    return page(req, role ? `home.roleHome.${role}` : 'home.publicTitle', {
      roleKey: role ? `home.${role}` : undefined,
    });
  }
}
