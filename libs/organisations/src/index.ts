export * from './entities/organisation.entity';
