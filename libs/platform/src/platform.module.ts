import { DynamicModule, Module, ValidationPipe } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig, ConfigModule } from '@gv/config';
import { dataSourceOptions, DomainEventsModule } from '@gv/database';
import { I18nModule } from '@gv/i18n';
import { MailModule } from '@gv/mail';
import { QueueModule } from '@gv/queue';
import { AllExceptionsFilter, validationExceptionFactory } from '@gv/web';
import { ChangeFeed } from './change-feed';
import { HealthController } from './health.controller';
import { HomeController } from './home.controller';
import { HomeService } from './home.service';
import { ALL_MESSAGES } from './messages';
import { CONTEXTS } from './contexts';
import { LogFlush, loggerOptions } from './logging';
import { SCHEMA } from './schema';
import { MAIL_TEMPLATE_DIRS } from './view-dirs';

export type ProcessRole = 'api' | 'worker' | 'cli';

@Module({
  imports: [TerminusModule],
  controllers: [HealthController, HomeController],
  providers: [HomeService],
})
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
        LoggerModule.forRoot(loggerOptions(config, role)),
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
        MailModule.forRoot(MAIL_TEMPLATE_DIRS),
        DomainEventsModule,
        ...CONTEXTS.flatMap((c) => (c.module ? [c.module] : [])),
        ...(http
          ? [PlatformHttpModule, ...CONTEXTS.flatMap((c) => (c.httpModule ? [c.httpModule] : []))]
          : []),
      ],
      providers: [
        ChangeFeed,
        LogFlush,
        ...(http
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
          : []),
      ],
    };
  }
}
