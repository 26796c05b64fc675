export * from './lib/scoring-types';
export * from './lib/scoring-errors';
export * from './lib/sheet-score';
export * from './lib/aggregate-methods';
export * from './lib/zscore';
export * from './lib/aggregate-scores';
export * from './lib/scoring-messages';
