import { Module } from '@nestjs/common';
import { PanelsApiController } from './panels-api.controller';
import { PanelsPagesController } from './panels-pages.controller';
import { PanelsService } from './panels.service';

/** Services (every process); see PanelsHttpModule for the api. */
@Module({ providers: [PanelsService], exports: [PanelsService] })
export class PanelsModule {}

@Module({ imports: [PanelsModule], controllers: [PanelsApiController, PanelsPagesController] })
export class PanelsHttpModule {}
