export * from './lib/rational';
export * from './lib/sqrt';
