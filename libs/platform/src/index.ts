export * from './platform.module';
export * from './schema';
export * from './messages';
export * from './secret';
export * from './seed';
export * from './view-dirs';
export * from './create-api';
export * from './db-tasks';
