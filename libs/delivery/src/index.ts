export * from './entities/delivery.entity';
export * from './delivery.errors';
export * from './delivery.messages';
export * from './delivery.module';
export * from './delivery.context';
