export * from './lib/placement-types';
export * from './lib/min-cost-flow';
export * from './lib/place-projects';
