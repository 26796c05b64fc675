export * from './i18n';
export * from './i18n.module';
export * from './base.messages';
