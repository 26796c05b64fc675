export * from './lib/pb-types';
export * from './lib/csv-records';
export * from './lib/pb-parser';
export * from './lib/pb-validator';
export * from './lib/pb-rules';
export * from './lib/pb-writer';
export * from './lib/pb-command';
