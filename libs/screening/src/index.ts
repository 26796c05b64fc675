export * from './entities/screening.entity';
export * from './screening.dto';
export * from './screening.service';
export * from './screening-export.service';
export * from './screening.messages';
export * from './screening.module';
export * from './screening.context';
export * from './screening.errors';
