export * from './entities/funding.entity';
export * from './entities/placement.entity';
export * from './entities/publicity.entity';
export * from './funding.errors';
export * from './funding.messages';
export * from './funding.module';
export * from './funding.context';
