import { compare, type Rational } from '@gv/rational';
import type {
  AllocationProposal,
  RecordedTieBreak,
  TieBreakConfig,
  TieBreakKey,
} from './allocation-types';

export const DEFAULT_TIE_BREAK_CHAIN: readonly TieBreakKey[] = [
  'score',
  'priority',
  'lower_cost',
  'earlier_submission',
  'lot',
];

const MASK64 = (1n << 64n) - 1n;

/** FNV-1a 64-bit over the UTF-16 code units of `text`. */
function fnv1a64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & MASK64;
  }
  return h;
}

/** SplitMix64 finaliser: a deterministic PRNG step. */
function splitmix64(x: bigint): bigint {
  let z = (x + 0x9e3779b97f4a7c15n) & MASK64;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK64;
  return z ^ (z >> 31n);
}

/**
 * The drawn lot (抽签) of a proposal: a 64-bit number drawn from the stored seed with a
 * deterministic PRNG (SplitMix64 seeded by FNV-1a of `seed` and the proposal id). Each
 * proposal's lot depends only on (seed, id), so the draw is independent of input order and
 * reproducible from the stored seed. Lower lot ranks first.
 */
export function drawLot(seed: string, id: string): bigint {
  return splitmix64(fnv1a64(seed) ^ splitmix64(fnv1a64(id)));
}

export function recordTieBreak(config: TieBreakConfig | undefined): RecordedTieBreak {
  return {
    chain: [...(config?.chain ?? DEFAULT_TIE_BREAK_CHAIN)],
    ...(config?.priorityName !== undefined ? { priorityName: config.priorityName } : {}),
    seed: config?.seed ?? '',
  };
}

function cmpRationalDesc(a: Rational | undefined, b: Rational | undefined): number {
  if (a === undefined && b === undefined) return 0;
  if (a === undefined) return 1; // missing priority ranks after present
  if (b === undefined) return -1;
  return -compare(a, b);
}

function cmpKey(
  key: TieBreakKey,
  a: AllocationProposal,
  b: AllocationProposal,
  seed: string,
): number {
  switch (key) {
    case 'score':
      return -compare(a.score, b.score);
    case 'priority':
      return cmpRationalDesc(a.priority, b.priority);
    case 'lower_cost':
      return a.cost - b.cost;
    case 'earlier_submission': {
      const x = a.submittedAt ?? Number.MAX_SAFE_INTEGER;
      const y = b.submittedAt ?? Number.MAX_SAFE_INTEGER;
      return x - y;
    }
    case 'lot': {
      const x = drawLot(seed, a.id);
      const y = drawLot(seed, b.id);
      return x < y ? -1 : x > y ? 1 : 0;
    }
  }
}

export interface RankedProposal {
  readonly proposal: AllocationProposal;
  readonly rank: number;
  /** Key of the chain that separated it from the proposal ranked just above, if a tie. */
  readonly tieBrokenBy?: { readonly key: TieBreakKey | 'id'; readonly other: string };
}

/**
 * Ranks proposals by the recorded chain; ids break any remaining tie (so the order is total
 * and independent of input order). Duplicate ids are rejected by the caller.
 */
export function rankProposals(
  proposals: readonly AllocationProposal[],
  tieBreak: RecordedTieBreak,
): RankedProposal[] {
  const chain = tieBreak.chain;
  const decisive = (
    a: AllocationProposal,
    b: AllocationProposal,
  ): { c: number; key: TieBreakKey | 'id' } => {
    for (const key of chain) {
      const c = cmpKey(key, a, b, tieBreak.seed);
      if (c !== 0) return { c, key };
    }
    return { c: a.id < b.id ? -1 : a.id > b.id ? 1 : 0, key: 'id' };
  };
  const sorted = [...proposals].sort((a, b) => decisive(a, b).c);
  return sorted.map((proposal, i) => {
    if (i === 0) return { proposal, rank: 1 };
    const prev = sorted[i - 1];
    const first = chain[0];
    const tied = first === undefined || cmpKey(first, prev, proposal, tieBreak.seed) === 0;
    if (!tied) return { proposal, rank: i + 1 };
    return {
      proposal,
      rank: i + 1,
      tieBrokenBy: { key: decisive(prev, proposal).key, other: prev.id },
    };
  });
}
