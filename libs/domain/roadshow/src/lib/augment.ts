import { Board, MoveLog, Solution } from './board';
import { Model } from './model';

/**
 * Breadth-first search for an augmenting path (as in bipartite matching): proposal p takes one of its
 * candidate slots; if that slot is held, its holder moves on to one of its own candidate slots, and so
 * on until a free slot. A failed search leaves its explored slots `dead`: no path from them leads to a
 * free slot as long as the holders and the rules of the search stay the same, so the next searches skip
 * them (call resetDead after any change). `work` counts the edges looked at.
 */
export class Augmenter {
  private readonly mark: Int32Array;
  private readonly prev: Int32Array;
  private readonly queue: Int32Array;
  private readonly dead: Uint8Array;
  private stamp = 0;
  work = 0;

  constructor(
    private readonly candidates: number[][],
    slots: number,
  ) {
    this.mark = new Int32Array(slots);
    this.prev = new Int32Array(slots);
    this.queue = new Int32Array(slots);
    this.dead = new Uint8Array(slots);
  }

  resetDead(): void {
    this.dead.fill(0);
  }

  /**
   * The chain of slots [s1, …, sk]: p takes s1, the holder of s(i) moves to s(i+1), sk is free; or
   * undefined. `enter(q, s)`: q may take s (besides being a candidate); `end(s)`: a free s may end a path.
   */
  find(
    p: number,
    owner: Int32Array,
    enter: (q: number, s: number) => boolean,
    end: (s: number) => boolean,
  ): number[] | undefined {
    const stamp = ++this.stamp;
    const { mark, prev, queue, dead } = this;
    let head = 0;
    let tail = 0;
    let found = -1;
    const look = (q: number, from: number): void => {
      for (const s of this.candidates[q]) {
        this.work++;
        if (dead[s] || mark[s] === stamp || !enter(q, s)) continue;
        if (owner[s] === -1) {
          if (!end(s)) continue;
          prev[s] = from;
          found = s;
          return;
        }
        mark[s] = stamp;
        prev[s] = from;
        queue[tail++] = s;
      }
    };
    look(p, -1);
    while (found < 0 && head < tail) {
      const s = queue[head++];
      look(owner[s], s);
    }
    if (found < 0) {
      for (let i = 0; i < tail; i++) dead[queue[i]] = 1;
      return undefined;
    }
    const chain: number[] = [];
    for (let s = found; s !== -1; s = prev[s]) chain.push(s);
    return chain.reverse();
  }
}

/**
 * Applies a chain on the board (through the log) and checks that no organisation is now in two places
 * at once (a search looks at each move alone); takes the chain back and answers false if one is.
 */
export function applyChain(board: Board, log: MoveLog, p: number, chain: number[]): boolean {
  const moved = [p];
  const checkpoint = log.checkpoint();
  for (let i = chain.length - 1; i > 0; i--) {
    const q = board.taken[chain[i - 1]];
    moved.push(q);
    log.move(q, chain[i]);
  }
  log.move(p, chain[0]);
  if (moved.every((q) => board.orgFree(q, board.slotOf[q]))) return true;
  log.undo(checkpoint);
  return false;
}

/**
 * An upper bound on the pitches any schedule can place: a maximum matching of proposals to their
 * candidate slots, organisations aside, grown from `start` by augmenting paths.
 */
export function placedUpperBound(model: Model, start: Solution): number {
  const owner = new Int32Array(model.slots.length).fill(-1);
  let placed = 0;
  for (let p = 0; p < start.length; p++)
    if (start[p] >= 0) {
      owner[start[p]] = p;
      placed++;
    }
  const placeable = model.proposals.filter((p) => p.candidates.length).length;
  const aug = new Augmenter(
    model.proposals.map((p) => p.candidates),
    model.slots.length,
  );
  for (const p of model.proposals) {
    if (placed === placeable) break;
    if (start[p.index] >= 0 || !p.candidates.length) continue;
    const chain = aug.find(
      p.index,
      owner,
      () => true,
      () => true,
    );
    if (!chain) continue;
    for (let i = chain.length - 1; i > 0; i--) owner[chain[i]] = owner[chain[i - 1]];
    owner[chain[0]] = p.index;
    placed++;
    aug.resetDead();
  }
  return placed;
}
