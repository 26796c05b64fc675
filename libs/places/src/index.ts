export * from './entities/district.entity';
export * from './entities/street-office.entity';
export * from './entities/community.entity';
export * from './places.seed';
export * from './places.module';
export * from './places.messages';
export * from './community-options';
export * from './places.context';
