import { Controller, Get, Query, Req, Render } from '@nestjs/common';
import { ApiExcludeEndpoint, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { PageQuery, pageParams, Public, toPage } from '@gv/core';
import { page } from '@gv/web';
import { Community } from './entities/community.entity';

@ApiTags('places')
@Controller()
export class PlacesController {
  constructor(@InjectDataSource() private readonly ds: DataSource) {}

  private async list(q: PageQuery) {
    const { page: p, pageSize, skip, take } = pageParams(q, 50);
    const [items, total] = await this.ds.getRepository(Community).findAndCount({
      relations: { streetOffice: { district: true } },
      order: { sortOrder: 'ASC', id: 'ASC' },
      skip,
      take,
    });
    return toPage(items, total, p, pageSize);
  }

  /** District → street office → community hierarchy. */
  @Public()
  @Get('api/v1/communities')
  async communities(@Query() q: PageQuery) {
    const p = await this.list(q);
    return {
      ...p,
      items: p.items.map((c) => ({
        id: c.id,
        code: c.code,
        name: c.name,
        nameEn: c.nameEn,
        invented: c.invented,
        streetOffice: {
          id: c.streetOffice?.id,
          name: c.streetOffice?.name,
          nameEn: c.streetOffice?.nameEn,
        },
        district: {
          id: c.streetOffice?.district?.id,
          name: c.streetOffice?.district?.name,
          nameEn: c.streetOffice?.district?.nameEn,
        },
      })),
    };
  }

  @Public()
  @ApiExcludeEndpoint()
  @Get('communities')
  @Render('places/communities')
  async communitiesPage(@Req() req: Request, @Query() q: PageQuery) {
    const p = await this.list(q);
    return page(req, 'places.title', { communities: p.items, office: p.items[0]?.streetOffice });
  }
}
