export class AllocationInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AllocationInputError';
  }
}

/** Thrown (never a hang) when an exact knapsack would exceed the documented size limit. */
export class KnapsackTooLargeError extends Error {
  constructor(
    readonly items: number,
    readonly states: number,
    readonly limits: { readonly maxItems: number; readonly maxStates: number },
  ) {
    super(
      `knapsack too large for an exact solution: ${items} items / ${states} Pareto states ` +
        `(limits: ${limits.maxItems} items, ${limits.maxStates} states); use greedy or split the call`,
    );
    this.name = 'KnapsackTooLargeError';
  }
}

export class UnsupportedConstraintError extends Error {
  constructor(
    readonly rule: string,
    readonly constraint: string,
  ) {
    super(`rule "${rule}" does not support the constraint "${constraint}"`);
    this.name = 'UnsupportedConstraintError';
  }
}
