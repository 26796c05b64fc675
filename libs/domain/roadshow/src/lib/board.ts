import { Model, overlaps } from './model';

/** slotOf[p]: the slot index of proposal p, or -1 when not placed. */
export type Solution = ArrayLike<number>;

interface Pitch {
  p: number;
  start: number;
  end: number;
}

/**
 * A schedule being built: which proposal holds each slot, how many pitches each session has, and when
 * each organisation pitches (an organisation is never in two places at once).
 */
export class Board {
  readonly slotOf: Int32Array;
  readonly taken: Int32Array;
  /** Pitches per session. */
  readonly count: Int32Array;
  private readonly byOrg: Pitch[][];
  /** Pitches per (organisation, time class), key org × classes + class. */
  private readonly atTime = new Map<number, number>();
  private readonly classes: number;

  constructor(
    private readonly model: Model,
    sol?: Solution,
  ) {
    this.slotOf = new Int32Array(model.proposals.length).fill(-1);
    this.taken = new Int32Array(model.slots.length).fill(-1);
    this.count = new Int32Array(model.sessions.length);
    const orgs = model.proposals.reduce((n, p) => Math.max(n, p.org + 1), 0);
    this.byOrg = Array.from({ length: orgs }, () => []);
    this.classes = model.classOverlaps.length;
    if (sol) for (let p = 0; p < sol.length; p++) if (sol[p] >= 0) this.place(p, sol[p]);
  }

  /**
   * No other pitch of p's organisation overlaps `slot` (p's own pitch aside, and, with `ignoreSession`,
   * the pitches of that session). Counts per time class: as fast for an organisation of 300 proposals
   * as for one of one.
   */
  orgFree(p: number, slot: number, ignoreSession = -1): boolean {
    const { model } = this;
    const org = model.proposals[p].org;
    const own = this.slotOf[p] >= 0 ? model.timeClass[this.slotOf[p]] : -1;
    const near = model.classOverlaps[model.timeClass[slot]];
    for (const c of near) {
      let n = this.atTime.get(org * this.classes + c) ?? 0;
      if (c === own) n--;
      if (n > 0 && ignoreSession >= 0)
        for (const sl of model.sessions[ignoreSession].slots) {
          const q = this.taken[sl.index];
          if (
            q >= 0 &&
            q !== p &&
            model.proposals[q].org === org &&
            model.timeClass[sl.index] === c
          )
            n--;
        }
      if (n > 0) return false;
    }
    return true;
  }

  /** The slot is free and p's organisation is not elsewhere at that time. */
  fits(p: number, slot: number): boolean {
    return this.taken[slot] === -1 && this.orgFree(p, slot);
  }

  /** Placed pitches of p's organisation overlapping `slot` (p aside). */
  orgBlockers(p: number, slot: number): number[] {
    const sl = this.model.slots[slot];
    return this.byOrg[this.model.proposals[p].org]
      .filter((t) => t.p !== p && overlaps(sl.start, sl.end, t.start, t.end))
      .map((t) => t.p);
  }

  place(p: number, slot: number): void {
    const sl = this.model.slots[slot];
    this.slotOf[p] = slot;
    this.taken[slot] = p;
    this.count[sl.session]++;
    this.byOrg[this.model.proposals[p].org].push({ p, start: sl.start, end: sl.end });
    this.bump(p, slot, 1);
  }

  remove(p: number): void {
    const slot = this.slotOf[p];
    if (slot < 0) return;
    this.bump(p, slot, -1);
    const times = this.byOrg[this.model.proposals[p].org];
    times.splice(
      times.findIndex((t) => t.p === p),
      1,
    );
    this.taken[slot] = -1;
    this.slotOf[p] = -1;
    this.count[this.model.slots[slot].session]--;
  }

  private bump(p: number, slot: number, by: number): void {
    const key = this.model.proposals[p].org * this.classes + this.model.timeClass[slot];
    const n = (this.atTime.get(key) ?? 0) + by;
    if (n) this.atTime.set(key, n);
    else this.atTime.delete(key);
  }

  move(p: number, slot: number): void {
    this.remove(p);
    if (slot >= 0) this.place(p, slot);
  }

  solution(): number[] {
    return Array.from(this.slotOf);
  }
}

/** Moves made on a board, so that a failed attempt can be taken back. */
export class MoveLog {
  private readonly entries: { p: number; from: number }[] = [];

  constructor(private readonly board: Board) {}

  /** Moves p to `slot` (-1: off the agenda), remembering where it was. */
  move(p: number, slot: number): void {
    this.entries.push({ p, from: this.board.slotOf[p] });
    this.board.move(p, slot);
  }

  /** A point to take the moves back to. */
  checkpoint(): number {
    return this.entries.length;
  }

  /** Takes back every move made since `checkpoint` (default: all), newest first. */
  undo(checkpoint = 0): void {
    for (let i = this.entries.length - 1; i >= checkpoint; i--)
      this.board.move(this.entries[i].p, this.entries[i].from);
    this.entries.length = Math.min(this.entries.length, checkpoint);
  }
}
