export * from './data-source-options';
export * from './transformers';
export * from './migration-tools';
export * from './columns';
export * from './domain-events';
export * from './embedded-write-lock';
export * from './transaction-retry';
export * from './read-cache';
