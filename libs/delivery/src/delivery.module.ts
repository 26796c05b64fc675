import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '@gv/config';
import { Clock } from '@gv/core';
import { FundingModule } from '@gv/funding';
import { ProposalsModule } from '@gv/proposals';
import { AgreementsService } from './agreements.service';
import { ClosureService } from './closure.service';
import { DeliveryApiController } from './delivery-api.controller';
import { DeliveryMoneyApiController } from './delivery-money-api.controller';
import { DeliveryPageModels } from './delivery-page-models';
import { DeliveryPagesController } from './delivery-pages.controller';
import { DemoSitesService } from './demo-sites.service';
import { DisbursementsService } from './disbursements.service';
import { EvaluationsService } from './evaluations.service';
import { ProjectDetailService } from './project-detail.service';
import { ProjectsService } from './projects.service';
import { DashboardService } from './dashboard.service';
import { DeliveryDashboardController } from './delivery-dashboard.controller';
import { DeliveryReportsApiController } from './delivery-reports-api.controller';
import { DeliveryReportsPagesController } from './delivery-reports-pages.controller';
import { MilestoneTracking } from './milestone-tracking';
import { MilestonesService } from './milestones.service';
import { PublicDeliveryService } from './public-delivery.service';
import { ReportsService } from './reports.service';
import { TrackingPageModels } from './tracking-page-models';
import { deliveryClock } from './tracking-support';

const services = [
  ProjectsService,
  ProjectDetailService,
  AgreementsService,
  DisbursementsService,
  EvaluationsService,
  ClosureService,
  DemoSitesService,
  MilestonesService,
  ReportsService,
  MilestoneTracking,
  DashboardService,
  PublicDeliveryService,
] as const;

@Module({
  imports: [FundingModule, ProposalsModule],
  providers: [
    ...services,
    // The tracking's "now": the system clock, or CLOCK_START's in tests (worker processes included).
    { provide: Clock, useFactory: deliveryClock, inject: [AppConfig] },
  ],
  exports: [...services],
})
export class DeliveryModule {}

@Module({
  imports: [
    DeliveryModule,
    // No `dest`: multer keeps the signed copy in memory; FileStorage writes it.
    MulterModule.registerAsync({
      useFactory: (c: AppConfig) => ({
        limits: { fileSize: c.UPLOAD_MAX_BYTES, files: 1, fields: 50 },
      }),
      inject: [AppConfig],
    }),
  ],
  controllers: [
    DeliveryApiController,
    DeliveryMoneyApiController,
    DeliveryPagesController,
    DeliveryReportsApiController,
    DeliveryReportsPagesController,
    DeliveryDashboardController,
  ],
  providers: [DeliveryPageModels, TrackingPageModels],
})
export class DeliveryHttpModule {}
