import { DynamicModule, Global, Module } from '@nestjs/common';
import { I18n, MessageBundle } from './i18n';
import { baseMessages } from './base.messages';

@Global()
@Module({})
export class I18nModule {
  static forRoot(bundles: MessageBundle[]): DynamicModule {
    return {
      module: I18nModule,
      providers: [{ provide: I18n, useValue: new I18n([baseMessages, ...bundles]) }],
      exports: [I18n],
    };
  }
}
