import {
  DynamicModule,
  Global,
  Inject,
  Injectable,
  Module,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AppConfig, fromRoot } from '@gv/config';
import { join } from 'node:path';
import { FileMailDriver } from './file-mail.driver';
import { MailDriver } from './mail.driver';
import { MailTemplates } from './mail-templates';
import { SmtpMailDriver } from './smtp-mail.driver';

export const MAIL_TEMPLATE_DIRS = 'MAIL_TEMPLATE_DIRS';

export function createMailDriver(config: AppConfig): MailDriver {
  return config.mailDriver === 'smtp'
    ? new SmtpMailDriver(
        config.SMTP_URL as string,
        config.MAIL_FROM,
        Math.min(config.MAIL_CONCURRENCY, 10),
      )
    : new FileMailDriver(join(config.VAR_DIR, 'mail'), config.MAIL_FROM);
}

@Injectable()
class MailDriverCloser implements OnApplicationShutdown {
  constructor(@Inject(MailDriver) private readonly driver: MailDriver) {}
  async onApplicationShutdown(): Promise<void> {
    await this.driver.close();
  }
}

@Global()
@Module({})
export class MailModule {
  static forRoot(extraTemplateDirs: string[] = []): DynamicModule {
    return {
      module: MailModule,
      providers: [
        { provide: MailDriver, useFactory: createMailDriver, inject: [AppConfig] },
        {
          provide: MailTemplates,
          useFactory: () =>
            new MailTemplates([fromRoot('libs/mail/templates'), ...extraTemplateDirs]),
        },
        MailDriverCloser,
      ],
      exports: [MailDriver, MailTemplates],
    };
  }
}
