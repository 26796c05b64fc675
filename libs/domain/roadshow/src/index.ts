export * from './lib/roadshow-types';
export * from './lib/wall-clock';
export { validateRoadshowInput } from './lib/model';
export * from './lib/schedule';
