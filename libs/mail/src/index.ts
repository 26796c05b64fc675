export * from './mail.driver';
export * from './file-mail.driver';
export * from './smtp-mail.driver';
export * from './mail-templates';
export * from './mail.module';
