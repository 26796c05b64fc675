export * from './entities/need.entity';
