export * from './lib/allocation-types';
export * from './lib/allocation-errors';
export * from './lib/decision-codes';
export * from './lib/tie-break';
export * from './lib/greedy-rule';
export * from './lib/knapsack-rule';
export * from './lib/mes-rule';
export * from './lib/allocate';
