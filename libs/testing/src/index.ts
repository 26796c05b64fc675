export * from './test-app';
export * from './smtp-sink';
export * from './browser';
export * from './factories';
export * from './processes';
