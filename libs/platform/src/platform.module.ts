import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule, fromRoot } from '@gv/config';
import { requestContext } from '@gv/core';
import { dataSourceOptions } from '@gv/database';
import { I18nModule } from '@gv/i18n';
import { MailModule } from '@gv/mail';
import { QueueModule } from '@gv/queue';
import { AuditHttpModule, AuditModule } from '@gv/audit';
import { AccountsHttpModule, AccountsModule } from '@gv/accounts';
import { PlacesHttpModule } from '@gv/places';
import { NotificationsHttpModule, NotificationsModule } from '@gv/notifications';
import { OrganisationsHttpModule, OrganisationsModule } from '@gv/organisations';
import { NeedsHttpModule, NeedsModule } from '@gv/needs';
import { CallsHttpModule, CallsModule } from '@gv/calls';
import { ProposalsHttpModule, ProposalsModule } from '@gv/proposals';
import { AllExceptionsFilter, validationExceptionFactory } from '@gv/web';
import { HealthController } from './health.controller';
import { HomeController } from './home.controller';
import { ALL_MESSAGES } from './messages';
import { SCHEMA } from './schema';

export type ProcessRole = 'api' | 'worker' | 'cli';

@Module({ imports: [TerminusModule], controllers: [HealthController, HomeController] })
class PlatformHttpModule {}

/**
 * The composition shared by the three apps. `api` serves HTTP (and runs jobs itself in embedded mode),
 * `worker` consumes queues with no HTTP, `cli` runs one-off tasks.
 */
@Module({})
export class PlatformModule {
  static forRoot(config: AppConfig, role: ProcessRole): DynamicModule {
    const consume = role === 'worker' || (role === 'api' && !config.usesRedis);
    const http = role === 'api';
    return {
      module: PlatformModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.LOG_LEVEL,
            genReqId: (req) =>
              (req as unknown as { correlationId?: string }).correlationId ??
              requestContext.correlationId() ??
              '',
            customProps: () => ({ userId: requestContext.get()?.actor?.userId }),
            autoLogging: {
              ignore: (req) =>
                (req.url ?? '').startsWith('/health') || (req.url ?? '').startsWith('/assets'),
            },
            serializers: {
              req: (r: { id: string; method: string; url: string }) => ({
                id: r.id,
                method: r.method,
                url: r.url,
              }),
              res: (r: { statusCode: number }) => ({ statusCode: r.statusCode }),
            },
            base: { app: role },
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...dataSourceOptions(config, SCHEMA),
            migrationsRun: config.autoMigrate,
            retryAttempts: config.DB_RETRY_ATTEMPTS,
            retryDelay: 3000,
          }),
        }),
        I18nModule.forRoot(ALL_MESSAGES),
        QueueModule.forRoot(config, { consume }),
        MailModule.forRoot([fromRoot('libs/notifications/templates')]),
        AuditModule,
        AccountsModule,
        NotificationsModule,
        OrganisationsModule,
        NeedsModule,
        CallsModule,
        ProposalsModule,
        ...(http
          ? [
              PlatformHttpModule,
              AccountsHttpModule,
              PlacesHttpModule,
              AuditHttpModule,
              NotificationsHttpModule,
              OrganisationsHttpModule,
              NeedsHttpModule,
              CallsHttpModule,
              ProposalsHttpModule,
            ]
          : []),
      ],
      providers: http
        ? [
            { provide: APP_FILTER, useClass: AllExceptionsFilter },
            {
              provide: APP_PIPE,
              useFactory: () =>
                new ValidationPipe({
                  whitelist: true,
                  forbidNonWhitelisted: true,
                  transform: true,
                  validationError: { target: true, value: false },
                  exceptionFactory: validationExceptionFactory,
                }),
            },
          ]
        : [],
    };
  }
}
