import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { Public } from '@gv/core';
import { page } from '@gv/web';

/** `/`: the public landing page, or the signed-in user's desk for their role. */
@ApiExcludeController()
@Controller()
export class HomeController {
  @Public()
  @Get()
  home(@Req() req: Request, @Res() res: Response) {
    const role = req.user?.role;
    res.render(
      role ? 'platform/home-role' : 'platform/home-public',
      page(req, role ? `home.roleHome.${role}` : 'home.publicTitle', {
        roleKey: role ? `home.${role}` : undefined,
      }),
    );
  }
}
