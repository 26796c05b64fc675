import { fromInt, type Rational } from '@gv/rational';
import type { AllocationProposal } from '../lib/allocation-types';

/** Test builder: amounts in yuan are converted to integer fen. */
export function proposal(
  id: string,
  score: number | Rational,
  yuan: number,
  extra: Partial<AllocationProposal> = {},
): AllocationProposal {
  return {
    id,
    score: typeof score === 'number' ? fromInt(score) : score,
    cost: Math.round(yuan * 100),
    ...extra,
  };
}

/** The demo call: 116,000 yuan cap, 8 proposals where greedy and knapsack differ. */
export const DEMO_CAP_FEN = 11_600_000;
export const DEMO_PROPOSALS: readonly AllocationProposal[] = [
  proposal('A', 92, 50_000, { submittedAt: 1 }),
  proposal('B', 90, 40_000, { submittedAt: 2 }),
  proposal('C', 88, 30_000, { submittedAt: 3 }),
  proposal('D', 85, 25_000, { submittedAt: 4 }),
  proposal('E', 80, 20_000, { submittedAt: 5 }),
  proposal('F', 78, 15_000, { submittedAt: 6 }),
  proposal('G', 75, 12_000, { submittedAt: 7 }),
  proposal('H', 70, 10_000, { submittedAt: 8 }),
];
