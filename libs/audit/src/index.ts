export * from './entities/audit-log.entity';
export * from './audit.service';
export * from './audit.module';
export * from './audit.messages';
export * from './audit.context';
export * from './actor-directory';
