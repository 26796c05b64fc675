export * from './lib/assign';
