import { Controller, Get, Render, Req } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Request } from 'express';
import { Public } from '@gv/core';
import { page } from '@gv/web';
import { HomeService } from './home.service';

/**
 * `/`: the competition's front page (the calls under way with their timelines, the cap and what is
 * committed, open needs, published results, the next roadshow), below the signed-in user's desk.
 */
@ApiExcludeController()
@Controller()
export class HomeController {
  constructor(private readonly home: HomeService) {}

  @Public()
  @Get()
  @Render('platform/home')
  async index(@Req() req: Request) {
    const role = req.user?.role;
    return page(req, role ? `home.roleHome.${role}` : 'home.publicTitle', {
      roleKey: role ? `home.${role}` : undefined,
      home: await this.home.view(),
    });
  }
}
